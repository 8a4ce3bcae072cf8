import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const DEMO_ORGANIZATION = { name: 'Demo Manufacturing', code: 'demo' } as const;

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  /** What the account shows off, for the start-up banner. */
  note: string;
}

export interface DemoAccounts {
  organizationId: string;
  organizationCode: string;
  accounts: DemoAccount[];
}

/** Development-only credentials: deterministic so that docs and colleagues can rely on them. */
const account = (role: string, note: string): DemoAccount => ({
  role,
  email: `${role}@demo.local`,
  password: `demo-${role}-password`,
  note,
});

type Method = 'GET' | 'POST';
type Json = Record<string, unknown>;

/** Calls the API in-process (Fastify `inject`), so validation, authorization and RLS all apply. */
class DemoClient {
  private token?: string;

  constructor(private readonly app: NestFastifyApplication) {}

  async login(username: string, password: string): Promise<void> {
    const data = await this.call<{ access_token: string }>('POST', '/api/v1/auth/token/obtain', {
      username,
      password,
    });
    this.token = data.access_token;
  }

  async call<T = Json>(method: Method, url: string, body?: Json): Promise<T> {
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers: {
          'accept-language': 'en',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body === undefined ? {} : { payload: body }),
      });
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new Error(`Demo data: ${method} ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return (JSON.parse(response.body) as { data: T }).data;
  }

  /** POSTs and returns the new resource's id. */
  async create(url: string, body: Json): Promise<string> {
    return (await this.call<{ id: string }>('POST', url, body)).id;
  }
}

/** `YYYY-MM-DD`, `days` from today (UTC), so the demo always looks current. */
const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Fills a demo organization through the public API, as the platform administrator: departments,
 * a custom role, one account per role, projects and tasks. Does nothing (and returns null) when
 * an organization with the demo code already exists.
 */
export async function seedDemoData(
  app: NestFastifyApplication,
  adminEmail: string,
  adminPassword: string,
): Promise<DemoAccounts | null> {
  const api = new DemoClient(app);
  await api.login(adminEmail, adminPassword);

  const existing = await api.call<{ code: string }[]>(
    'GET',
    `/api/v1/organizations?q=${DEMO_ORGANIZATION.code}&size=100`,
  );
  if (existing.some((o) => o.code.toLowerCase() === DEMO_ORGANIZATION.code)) return null;

  const orgId = await api.create('/api/v1/organizations', { ...DEMO_ORGANIZATION });
  const org = `/api/v1/organizations/${orgId}`;

  // Departments: a small tree.
  const engineering = await api.create(`${org}/departments`, { name: 'Engineering', code: 'ENG' });
  const quality = await api.create(`${org}/departments`, {
    name: 'Quality',
    code: 'QA',
    parent_id: engineering,
  });
  const sales = await api.create(`${org}/departments`, { name: 'Sales', code: 'SALES' });
  const operations = await api.create(`${org}/departments`, { name: 'Operations', code: 'OPS' });

  // Roles: the built-in ones plus a custom `manager` that inherits from `member`.
  const roles = await api.call<{ id: string; code: string }[]>('GET', `${org}/roles?size=100`);
  const roleId = (code: string): string => {
    const role = roles.find((r) => r.code === code);
    if (!role) throw new Error(`Demo data: no built-in role '${code}' in the new organization`);
    return role.id;
  };
  const manager = await api.create(`${org}/roles`, {
    code: 'manager',
    name: 'Manager',
    level: 'manager',
    parent_id: roleId('member'),
    permissions: [
      'project:create',
      'project:update',
      'project:delete',
      'task:delete',
      'user:create',
      'user:update',
    ],
  });

  // One account per role; the member only works in Engineering (and its sub-departments).
  const admin = account('admin', 'every permission in the organization');
  const mgr = account('manager', 'custom role: member + manage projects and members');
  const member = account('member', 'built-in member, granted for the Engineering department only');
  const addUser = async (a: DemoAccount, fullName: string, grant: Json, departmentId?: string) => {
    const userId = await api.create(`${org}/users`, {
      email: a.email,
      full_name: fullName,
      password: a.password,
      ...(departmentId ? { department_id: departmentId } : {}),
    });
    await api.call('POST', `${org}/users/${userId}/roles`, grant);
    return userId;
  };
  const adminId = await addUser(admin, 'Aiko Admin', { role_id: roleId('admin') });
  const managerId = await addUser(mgr, 'Marco Manager', { role_id: manager }, operations);
  const memberId = await addUser(
    member,
    'Mei Member',
    { role_id: roleId('member'), department_id: engineering },
    engineering,
  );

  // Projects.
  const mes = await api.create(`${org}/projects`, {
    name: 'MES rollout, plant 2',
    code: 'MES-P2',
    description: 'Replace paper travellers with the manufacturing execution system on lines 1-4.',
    department_id: operations,
    starts_on: day(-30),
    ends_on: day(90),
    status: 'active',
  });
  const iso = await api.create(`${org}/projects`, {
    name: 'ISO 9001 recertification',
    code: 'ISO-9001',
    description: 'Internal audits, corrective actions and the external audit.',
    department_id: quality,
    starts_on: day(-10),
    ends_on: day(60),
    status: 'active',
  });
  const crm = await api.create(`${org}/projects`, {
    name: 'Key account CRM pilot',
    code: 'CRM-PILOT',
    department_id: sales,
    starts_on: day(30),
    status: 'planned',
  });

  // Tasks: [title, project, department, assignee, status, priority, due in days].
  const tasks: [string, string | null, string | null, string | null, string, string, number | null][] = [
    ['Map current routing for line 1', mes, engineering, memberId, 'done', 'high', -14],
    ['Define work-centre master data', mes, engineering, memberId, 'in_progress', 'high', 5],
    ['Install shop-floor terminals', mes, operations, managerId, 'todo', 'medium', 21],
    ['Train line supervisors', mes, operations, managerId, 'todo', 'low', 45],
    ['Label printer integration', mes, engineering, null, 'review', 'urgent', 2],
    ['Barcode scanners for goods receipt', mes, operations, null, 'cancelled', 'low', null],
    ['Plan internal audit schedule', iso, quality, adminId, 'done', 'medium', -3],
    ['Update calibration procedure', iso, quality, memberId, 'in_progress', 'high', 10],
    ['Close corrective action CA-112', iso, quality, memberId, 'review', 'urgent', 1],
    ['Book the certification body', iso, quality, adminId, 'todo', 'medium', 30],
    ['Select pilot customers', crm, sales, managerId, 'todo', 'high', 35],
    ['Import customer contacts', crm, sales, null, 'todo', 'medium', 50],
    ['Review the quote template', crm, sales, adminId, 'in_progress', 'low', 40],
    ['Fix coolant leak on CNC-07', null, engineering, memberId, 'todo', 'urgent', 0],
    ['Quarterly safety walk', null, operations, managerId, 'todo', 'medium', 14],
    ['Renew forklift licences', null, null, null, 'todo', 'low', null],
  ];
  for (const [title, projectId, departmentId, assigneeId, status, priority, due] of tasks) {
    await api.create(`${org}/tasks`, {
      title,
      status,
      priority,
      ...(projectId ? { project_id: projectId } : {}),
      ...(departmentId ? { department_id: departmentId } : {}),
      ...(assigneeId ? { assignee_id: assigneeId } : {}),
      ...(due === null ? {} : { due_date: day(due) }),
    });
  }

  return { organizationId: orgId, organizationCode: DEMO_ORGANIZATION.code, accounts: [admin, mgr, member] };
}
