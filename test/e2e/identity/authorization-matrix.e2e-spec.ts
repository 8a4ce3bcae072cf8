import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestOrganization } from '@erp/test-support';

type Caller = 'admin' | 'member' | 'no role' | 'non-member' | 'no token';
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Fixture = 'department' | 'user' | 'member' | 'role' | 'memberRole';

interface Endpoint {
  name: string;
  method: Method;
  /** The permission the route needs, as in the AUTH004 message: `action Subject`. */
  needs: string;
  /** Status when allowed. */
  ok: number;
  /** Path under the organization (or absolute); `{fixture}` is replaced by a fresh record's id. */
  path: string;
  body?: (id: (fixture: Fixture) => Promise<string>) => unknown;
}

const route = (
  name: string,
  method: Method,
  needs: string,
  ok: number,
  path: string,
  body?: Endpoint['body'],
) => ({ name, method, needs, ok, path, body }) satisfies Endpoint;

/** Every identity route, with what it needs. */
const ENDPOINTS: Endpoint[] = [
  route('departments list', 'GET', 'read Department', 200, 'departments'),
  route('departments create', 'POST', 'create Department', 201, 'departments', () => ({
    name: 'D',
    code: unique(),
  })),
  route('department get', 'GET', 'read Department', 200, 'departments/{department}'),
  route('department update', 'PATCH', 'update Department', 200, 'departments/{department}', () => ({
    name: 'New',
  })),
  route('department delete', 'DELETE', 'delete Department', 204, 'departments/{department}'),
  route('users list', 'GET', 'read User', 200, 'users'),
  route('users add', 'POST', 'create User', 201, 'users', () => ({
    email: `${unique()}@test.local`,
    full_name: 'U',
  })),
  route('user get', 'GET', 'read User', 200, 'users/{user}'),
  route('user update', 'PATCH', 'update User', 200, 'users/{user}', () => ({ full_name: 'Renamed' })),
  route('user remove', 'DELETE', 'delete User', 204, 'users/{user}'),
  route('roles list', 'GET', 'read Role', 200, 'roles'),
  route('roles create', 'POST', 'create Role', 201, 'roles', () => ({
    code: unique(),
    name: 'R',
    permissions: ['task:read'],
  })),
  route('role get', 'GET', 'read Role', 200, 'roles/{role}'),
  route('role update', 'PATCH', 'update Role', 200, 'roles/{role}', () => ({ name: 'Renamed' })),
  route('role delete', 'DELETE', 'delete Role', 204, 'roles/{role}'),
  route('user roles list', 'GET', 'read Role', 200, 'users/{member}/roles'),
  route('user roles grant', 'POST', 'assign Role', 201, 'users/{user}/roles', async (id) => ({
    role_id: await id('memberRole'),
  })),
  route('user roles revoke', 'DELETE', 'assign Role', 204, 'users/{member}/roles/{memberRole}'),
  route('permissions catalogue', 'GET', 'read Permission', 200, '/api/v1/permissions'),
  route('own API keys list', 'GET', 'read ApiKey', 200, '/api/v1/me/api-keys'),
];

function unique(): string {
  return `x-${randomUUID().slice(0, 8)}`;
}

/** Caller × endpoint → `ok` (the endpoint's success status) or the refusal. */
const EXPECTED: Record<Caller, (e: Endpoint) => 'ok' | 401 | 403 | 404> = {
  admin: () => 'ok',
  // Built-in member: organization, department, user, role, project and task reads; task create/update.
  member: (e) => (e.method === 'GET' ? 'ok' : 403),
  // Outside any organization, every signed-in caller may read the catalogue and list its own API keys.
  'no role': (e) => (e.path.startsWith('/') ? 'ok' : 403),
  'non-member': (e) => (e.path.startsWith('/') ? 'ok' : 404),
  'no token': () => 401,
};

const REFUSALS = {
  401: { code: 'AUTH003', message: 'The credentials are missing or invalid', details: {} },
  404: { code: 'BIZ002', message: 'Organization not found', details: { resource: 'Organization' } },
};

describe('identity authorization matrix', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  const tokens = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    // Organization admin and member are ordinary accounts: the platform administrator would bypass the rules.
    tokens.admin = (await s.addMember(org.id, { roles: ['admin'] })).token;
    tokens.member = (await s.addMember(org.id, { roles: ['member'] })).token;
    tokens['no role'] = (await s.addMember(org.id)).token;
    tokens['non-member'] = (await s.addMember((await s.createOrganization()).id, { roles: ['admin'] })).token;
    tokens['no token'] = undefined;
  });
  afterAll(() => t.close());

  /** A fresh record of each kind, made by the platform administrator. */
  const fixture = async (kind: Fixture): Promise<string> => {
    switch (kind) {
      case 'department':
        return s.createDepartment(org.id);
      case 'user':
        return (await s.addMember(org.id)).userId;
      case 'member':
        return (await s.addMember(org.id, { roles: ['member'] })).userId;
      case 'memberRole':
        return s.roleId(org.id, 'member');
      case 'role': {
        const body = { code: unique(), name: 'Custom', permissions: ['task:read'] };
        const res = await t.http.post(`/api/v1/organizations/${org.id}/roles`, body, {
          token: await s.admin(),
        });
        return res.body.data.id as string;
      }
    }
  };
  const urlOf = async (path: string): Promise<string> => {
    let url = path.startsWith('/') ? path : `/api/v1/organizations/${org.id}/${path}`;
    for (const [placeholder, kind] of url.matchAll(/\{(\w+)\}/g))
      url = url.replace(placeholder, await fixture(kind as Fixture));
    return url;
  };
  /** Row counts and version sums of the identity tables: any write changes one. */
  const state = () =>
    t.ownerQuery(
      `select (select count(*) from departments) d, (select count(*) from memberships where is_active) m,
              (select count(*) from roles) r, (select count(*) from role_grants) g, (select count(*) from users) u,
              (select sum(version) from departments) dv, (select sum(version) from roles) rv,
              (select sum(version) from users) uv, (select sum(version) from memberships) mv`,
    );

  const callers: Caller[] = ['admin', 'member', 'no role', 'non-member', 'no token'];
  const matrix = callers.flatMap((caller) =>
    ENDPOINTS.map((endpoint) => {
      const outcome = EXPECTED[caller](endpoint);
      return { caller, endpoint, expected: outcome === 'ok' ? endpoint.ok : outcome };
    }),
  );

  it.each(matrix)(
    '$caller: $endpoint.method $endpoint.name → $expected',
    async ({ caller, endpoint, expected }) => {
      const url = await urlOf(endpoint.path);
      const body = await endpoint.body?.(fixture);
      const before = await state();
      const res = await t.http.request(endpoint.method, url, body, { token: tokens[caller] });
      expect({ status: res.status, error: res.body?.error?.code }).toEqual({
        status: expected,
        error: expected >= 400 ? expect.any(String) : undefined,
      });
      if (expected < 400) return;

      const [action, subject] = endpoint.needs.split(' ');
      const refusal =
        expected === 403
          ? { code: 'AUTH004', message: `You do not have permission to ${action} ${subject}`, details: {} }
          : REFUSALS[expected as 401 | 404];
      expect(res.body).toMatchObject({ success: false, data: null });
      expect(res.body.error).toEqual({ ...refusal, trace_id: res.body.meta.request_id });
      if (expected === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(await state()).toEqual(before);
    },
  );

  describe('permission catalogue', () => {
    it('lists every permission with its resource, action and description', async () => {
      const res = await t.http.get('/api/v1/permissions', { token: await s.admin(), query: { size: 100 } });
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(33);
      expect(res.body.data).toContainEqual({
        code: 'department:create',
        resource: 'department',
        action: 'create',
        description: 'Create departments',
      });
      expect(res.body.data).toContainEqual({
        code: 'role:assign',
        resource: 'role',
        action: 'assign',
        description: 'Grant and revoke roles',
      });
      expect(res.body.meta.pagination).toEqual({ page: 1, size: 100, total: 33, pages: 1 });
      const tasks = await t.http.get('/api/v1/permissions', {
        token: tokens.member,
        query: { q: 'task:', sort: '-action' },
      });
      expect(tasks.body.data.map((p: { code: string }) => p.code)).toEqual([
        'task:update',
        'task:read',
        'task:delete',
        'task:create',
      ]);
    });
  });
});
