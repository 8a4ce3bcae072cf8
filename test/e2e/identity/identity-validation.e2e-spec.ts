import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestOrganization } from '@erp/test-support';

type Method = 'GET' | 'POST' | 'PATCH';
type Code = 'VAL001' | 'VAL002' | 'VAL003';

interface BadInput {
  name: string;
  method: Method;
  url: () => Promise<string> | string;
  body?: unknown;
  query?: Record<string, string | number>;
  code: Code;
  field: string;
}

describe('identity resources: bad input is refused with field errors, and nothing is stored', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    base = `/api/v1/organizations/${org.id}`;
  });
  afterAll(() => t.close());

  /** A case maker for one route: `(name, payload, code, field)`. */
  const sending =
    (method: Method, url: () => Promise<string> | string) =>
    (name: string, body: unknown, code: Code, field: string): BadInput => ({
      name,
      method,
      url,
      body,
      code,
      field,
    });
  const listing =
    (url: () => string) =>
    (name: string, query: Record<string, string | number>, code: Code, field: string): BadInput => ({
      name,
      method: 'GET',
      url,
      query,
      code,
      field,
    });
  const newMember = async () => (await s.addMember(org.id)).userId;

  const department = sending('POST', () => `${base}/departments`);
  const departmentPatch = sending(
    'PATCH',
    async () => `${base}/departments/${await s.createDepartment(org.id)}`,
  );
  const user = sending('POST', () => `${base}/users`);
  const role = sending('POST', () => `${base}/roles`);
  const grant = sending('POST', async () => `${base}/users/${await newMember()}/roles`);
  const users = listing(() => `${base}/users`);
  const departments = listing(() => `${base}/departments`);
  const roles = listing(() => `${base}/roles`);

  const cases: BadInput[] = [
    department('department without name', { code: 'x' }, 'VAL001', 'name'),
    department('department without code', { name: 'x' }, 'VAL001', 'code'),
    department('department name of the wrong type', { name: 42, code: 'x' }, 'VAL002', 'name'),
    department('department code with spaces', { name: 'x', code: 'a b' }, 'VAL002', 'code'),
    department('department name too long', { name: 'x'.repeat(201), code: 'x' }, 'VAL003', 'name'),
    department('department code too long', { name: 'x', code: 'x'.repeat(51) }, 'VAL003', 'code'),
    department(
      'department parent not a uuid',
      { name: 'x', code: 'x', parent_id: '12' },
      'VAL002',
      'parent_id',
    ),
    department(
      'department organization_id',
      { name: 'x', code: 'x', organization_id: randomUUID() },
      'VAL002',
      'organization_id',
    ),
    departmentPatch('department patch with id', { id: randomUUID() }, 'VAL002', 'id'),
    departmentPatch('department patch with an empty name', { name: '' }, 'VAL002', 'name'),
    user('user without email', { full_name: 'x' }, 'VAL001', 'email'),
    user('user without full_name', { email: 'x@test.local' }, 'VAL001', 'full_name'),
    user('user with a malformed email', { email: 'not-an-email', full_name: 'x' }, 'VAL002', 'email'),
    user(
      'user with an email of the wrong type',
      { email: ['a@test.local'], full_name: 'x' },
      'VAL002',
      'email',
    ),
    user(
      'user with a short password',
      { email: 'short@test.local', full_name: 'x', password: 'short' },
      'VAL003',
      'password',
    ),
    user(
      'user with an oversized email',
      { email: `${'x'.repeat(250)}@test.local`, full_name: 'x' },
      'VAL003',
      'email',
    ),
    user(
      'user with is_platform_admin',
      { email: 'a@test.local', full_name: 'x', is_platform_admin: true },
      'VAL002',
      'is_platform_admin',
    ),
    user(
      'user with a bad department',
      { email: 'd@test.local', full_name: 'x', department_id: 'x' },
      'VAL002',
      'department_id',
    ),
    role('role without permissions', { code: 'r1', name: 'R' }, 'VAL001', 'permissions'),
    role(
      'role permissions not an array',
      { code: 'r1', name: 'R', permissions: 'task:read' },
      'VAL002',
      'permissions',
    ),
    role(
      'role permissions not strings',
      { code: 'r1', name: 'R', permissions: [1] },
      'VAL002',
      'permissions',
    ),
    role(
      'role with an unknown permission',
      { code: 'r1', name: 'R', permissions: ['task:fly'] },
      'VAL002',
      'permissions',
    ),
    role(
      'role with too many permissions',
      { code: 'r1', name: 'R', permissions: Array(201).fill('task:read') },
      'VAL003',
      'permissions',
    ),
    role(
      'role with is_builtin',
      { code: 'r1', name: 'R', permissions: [], is_builtin: true },
      'VAL002',
      'is_builtin',
    ),
    role(
      'role description too long',
      { code: 'r1', name: 'R', permissions: [], description: 'x'.repeat(2001) },
      'VAL003',
      'description',
    ),
    grant('grant without role', {}, 'VAL001', 'role_id'),
    grant('grant with a malformed role', { role_id: 'admin' }, 'VAL002', 'role_id'),
    grant(
      'grant with granted_by',
      { role_id: randomUUID(), granted_by: randomUUID() },
      'VAL002',
      'granted_by',
    ),
    sending('PATCH', () => `${base}/departments/not-a-uuid`)(
      'malformed department id',
      { name: 'x' },
      'VAL002',
      'id',
    ),
    sending('PATCH', () => `${base}/users/123`)('malformed user id', { full_name: 'x' }, 'VAL002', 'userId'),
    sending('PATCH', () => `${base}/roles/123`)('malformed role id', { name: 'x' }, 'VAL002', 'roleId'),
    sending('POST', () => `${base}/users/123/roles`)(
      'malformed user id in grants',
      { role_id: randomUUID() },
      'VAL002',
      'userId',
    ),
    users('page size 101', { size: 101 }, 'VAL003', 'size'),
    departments('page 0', { page: 0 }, 'VAL003', 'page'),
    users('sort on a column that is not allow-listed', { sort: 'password_hash' }, 'VAL002', 'sort'),
    roles('sort on a role column that is not allow-listed', { sort: '-permissions' }, 'VAL002', 'sort'),
    departments('unknown list filter', { organization_id: randomUUID() }, 'VAL002', 'organization_id'),
    users('malformed department filter', { department_id: 'sales' }, 'VAL002', 'department_id'),
    roles('oversized q', { q: 'x'.repeat(201) }, 'VAL003', 'q'),
  ];

  const tables = ['departments', 'memberships', 'roles', 'role_grants', 'users'];
  const snapshot = () =>
    Promise.all(
      tables.map((table) =>
        t.ownerQuery<{ n: number }>(`select count(*)::int as n from ${table}`).then(([r]) => r.n),
      ),
    );

  it.each(cases)('$name → 422 $code on $field', async ({ method, url, body, query, code, field }) => {
    const target = await url();
    const before = await snapshot();
    const res = await t.http.request(method, target, body, { token: org.adminToken, query });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ success: false, data: null });
    expect(res.body.error).toMatchObject({ code, trace_id: res.body.meta.request_id });
    expect(res.body.error.field_errors[0]).toMatchObject({
      field,
      message: expect.stringContaining(`'${field}'`),
    });
    expect(res.body.error.field_errors[0]).toHaveProperty('invalid_value');
    expect(await snapshot()).toEqual(before);
  });

  it('names every missing field at once, missing ones first', async () => {
    const res = await t.http.post(`${base}/roles`, { code: 'a b' }, { token: org.adminToken });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VAL001');
    expect(res.body.error.message).toBe("Required field 'name' is missing");
    expect(res.body.error.field_errors.map((e: { field: string }) => e.field)).toEqual([
      'name',
      'permissions',
      'code',
    ]);
  });
});
