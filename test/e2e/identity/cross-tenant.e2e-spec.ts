import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** An error body without what changes on every call; `id`, the id the request named, is masked. */
const comparable = (body: any, id?: string) => {
  const stable = { ...body, meta: undefined, error: { ...body.error, trace_id: undefined } };
  return id ? JSON.parse(JSON.stringify(stable).replaceAll(id, '<id>')) : stable;
};

describe('identity records of another organization are invisible and unchangeable', () => {
  let t: TestApp;
  let s: Scenario;
  let a: TestOrganization;
  let b: TestOrganization;
  let adminA: TestMember;
  let memberA: TestMember;
  const ids = {} as Record<
    'departmentA' | 'roleA' | 'memberRoleA' | 'departmentB' | 'userB' | 'roleB' | 'memberRoleB',
    string
  >;

  /** Everything organization B holds in the identity tables, including its members' accounts. */
  const stateOfB = async () => ({
    departments: await t.ownerQuery('select * from departments where organization_id = $1 order by id', [
      b.id,
    ]),
    memberships: await t.ownerQuery('select * from memberships where organization_id = $1 order by id', [
      b.id,
    ]),
    roles: await t.ownerQuery('select * from roles where organization_id = $1 order by id', [b.id]),
    grants: await t.ownerQuery('select * from role_grants where organization_id = $1 order by id', [b.id]),
    users: await t.ownerQuery(
      'select * from users where id in (select user_id from memberships where organization_id = $1) order by id',
      [b.id],
    ),
    organization: await t.ownerQuery('select * from organizations where id = $1', [b.id]),
  });
  let before: Awaited<ReturnType<typeof stateOfB>>;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    a = await s.createOrganization();
    b = await s.createOrganization();
    adminA = await s.addMember(a.id, { roles: ['admin'] });
    memberA = await s.addMember(a.id, { roles: ['member'] });
    ids.departmentA = await s.createDepartment(a.id);
    ids.memberRoleA = await s.roleId(a.id, 'member');
    ids.roleA = (
      await t.http.post(
        `/api/v1/organizations/${a.id}/roles`,
        { code: 'custom', name: 'Custom', permissions: ['task:read'] },
        { token: a.adminToken },
      )
    ).body.data.id;

    ids.departmentB = await s.createDepartment(b.id);
    ids.userB = (await s.addMember(b.id, { roles: ['member'], departmentId: ids.departmentB })).userId;
    ids.memberRoleB = await s.roleId(b.id, 'member');
    ids.roleB = (
      await t.http.post(
        `/api/v1/organizations/${b.id}/roles`,
        { code: 'custom', name: 'Custom', permissions: ['task:read'] },
        { token: b.adminToken },
      )
    ).body.data.id;
    before = await stateOfB();
  });
  afterAll(() => t.close());

  // Each route with B's id in A's path; `{b}` marks the id that the never-existing UUID replaces.
  const pathRoutes: { name: string; method: Method; path: () => string; body?: () => unknown }[] = [
    { name: 'department get', method: 'GET', path: () => `departments/{b:departmentB}` },
    {
      name: 'department update',
      method: 'PATCH',
      path: () => `departments/{b:departmentB}`,
      body: () => ({ name: 'Hijacked' }),
    },
    { name: 'department delete', method: 'DELETE', path: () => `departments/{b:departmentB}` },
    { name: 'user get', method: 'GET', path: () => `users/{b:userB}` },
    {
      name: 'user update',
      method: 'PATCH',
      path: () => `users/{b:userB}`,
      body: () => ({ full_name: 'Hijacked', department_id: null }),
    },
    { name: 'user remove', method: 'DELETE', path: () => `users/{b:userB}` },
    { name: 'role get', method: 'GET', path: () => `roles/{b:roleB}` },
    {
      name: 'role update',
      method: 'PATCH',
      path: () => `roles/{b:roleB}`,
      body: () => ({ name: 'Hijacked', permissions: [] }),
    },
    { name: 'role delete', method: 'DELETE', path: () => `roles/{b:roleB}` },
    { name: 'user roles list', method: 'GET', path: () => `users/{b:userB}/roles` },
    {
      name: 'user roles grant',
      method: 'POST',
      path: () => `users/{b:userB}/roles`,
      body: () => ({ role_id: ids.memberRoleA }),
    },
    {
      name: 'user roles revoke (B user, B role)',
      method: 'DELETE',
      path: () => `users/{b:userB}/roles/${ids.memberRoleB}`,
    },
    {
      name: 'user roles revoke (A user, B role)',
      method: 'DELETE',
      path: () => `users/${memberA.userId}/roles/{b:memberRoleB}`,
    },
  ];

  it.each(pathRoutes)(
    '$name: 404 BIZ002, the same body as for an id that never existed',
    async ({ method, path, body }) => {
      const url = (id: (key: keyof typeof ids) => string) =>
        `/api/v1/organizations/${a.id}/${path().replace(/\{b:(\w+)\}/, (_m, key: keyof typeof ids) => id(key))}`;
      const foreign = await t.http.request(
        method,
        url((key) => ids[key]),
        body?.(),
        { token: adminA.token },
      );
      const missing = await t.http.request(
        method,
        url(() => randomUUID()),
        body?.(),
        { token: adminA.token },
      );
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('BIZ002');
      expect(comparable(foreign.body)).toEqual(comparable(missing.body));
      expect(foreign.headers.etag).toBeUndefined();
      expect(await stateOfB()).toEqual(before);
    },
  );

  // References to B's records inside A's bodies and filters: refused (or empty) exactly like unknown ids.
  const references: {
    name: string;
    method: Method;
    path: () => string;
    body?: (id: string) => unknown;
    query?: (id: string) => Record<string, string>;
    use: keyof typeof ids;
  }[] = [
    {
      name: 'department parent',
      method: 'POST',
      path: () => 'departments',
      body: (id) => ({ name: 'X', code: `x-${randomUUID().slice(0, 6)}`, parent_id: id }),
      use: 'departmentB',
    },
    {
      name: 'department move',
      method: 'PATCH',
      path: () => `departments/${ids.departmentA}`,
      body: (id) => ({ parent_id: id }),
      use: 'departmentB',
    },
    {
      name: 'new member department',
      method: 'POST',
      path: () => 'users',
      body: (id) => ({
        email: `x-${randomUUID().slice(0, 6)}@test.local`,
        full_name: 'X',
        department_id: id,
      }),
      use: 'departmentB',
    },
    {
      name: 'member department',
      method: 'PATCH',
      path: () => `users/${memberA.userId}`,
      body: (id) => ({ department_id: id }),
      use: 'departmentB',
    },
    {
      name: 'role parent',
      method: 'POST',
      path: () => 'roles',
      body: (id) => ({ code: `x-${randomUUID().slice(0, 6)}`, name: 'X', permissions: [], parent_id: id }),
      use: 'roleB',
    },
    {
      name: 'role re-parent',
      method: 'PATCH',
      path: () => `roles/${ids.roleA}`,
      body: (id) => ({ parent_id: id }),
      use: 'roleB',
    },
    {
      name: 'granted role',
      method: 'POST',
      path: () => `users/${memberA.userId}/roles`,
      body: (id) => ({ role_id: id }),
      use: 'roleB',
    },
    {
      name: 'grant department',
      method: 'POST',
      path: () => `users/${memberA.userId}/roles`,
      body: (id) => ({ role_id: ids.roleA, department_id: id }),
      use: 'departmentB',
    },
    {
      name: 'members filtered by department',
      method: 'GET',
      path: () => 'users',
      query: (id) => ({ department_id: id }),
      use: 'departmentB',
    },
    {
      name: 'departments filtered by parent',
      method: 'GET',
      path: () => 'departments',
      query: (id) => ({ parent_id: id }),
      use: 'departmentB',
    },
  ];

  it.each(references)(
    '$name referring to B: answered like an unknown id',
    async ({ method, path, body, query, use }) => {
      const call = (id: string) =>
        t.http.request(method, `/api/v1/organizations/${a.id}/${path()}`, body?.(id), {
          token: adminA.token,
          query: query?.(id),
        });
      const unknownId = randomUUID();
      const foreign = await call(ids[use]);
      const missing = await call(unknownId);
      expect(foreign.status).toBe(missing.status);
      expect([200, 422]).toContain(foreign.status);
      if (foreign.status === 200) expect(foreign.body.data).toEqual([]);
      else expect(comparable(foreign.body, ids[use])).toEqual(comparable(missing.body, unknownId));
      expect(await stateOfB()).toEqual(before);
    },
  );

  const underB: { method: Method; path: () => string; body?: unknown }[] = [
    { method: 'GET', path: () => 'departments' },
    { method: 'POST', path: () => 'departments', body: { name: 'X', code: 'x' } },
    { method: 'GET', path: () => `departments/${ids.departmentB}` },
    { method: 'PATCH', path: () => `departments/${ids.departmentB}`, body: { name: 'Hijacked' } },
    { method: 'DELETE', path: () => `departments/${ids.departmentB}` },
    { method: 'GET', path: () => 'users' },
    { method: 'POST', path: () => 'users', body: { email: 'intruder@test.local', full_name: 'X' } },
    { method: 'GET', path: () => `users/${ids.userB}` },
    { method: 'PATCH', path: () => `users/${ids.userB}`, body: { full_name: 'Hijacked' } },
    { method: 'DELETE', path: () => `users/${ids.userB}` },
    { method: 'GET', path: () => 'roles' },
    { method: 'POST', path: () => 'roles', body: { code: 'x', name: 'X', permissions: [] } },
    { method: 'GET', path: () => `roles/${ids.roleB}` },
    { method: 'PATCH', path: () => `roles/${ids.roleB}`, body: { name: 'Hijacked' } },
    { method: 'DELETE', path: () => `roles/${ids.roleB}` },
    { method: 'GET', path: () => `users/${ids.userB}/roles` },
    { method: 'POST', path: () => `users/${adminA.userId}/roles`, body: { role_id: ids.memberRoleB } },
    { method: 'DELETE', path: () => `users/${ids.userB}/roles/${ids.memberRoleB}` },
  ];

  it("answers A's admin on B's paths with 404 BIZ002, like an organization that does not exist", async () => {
    for (const { method, path, body } of underB) {
      const res = await t.http.request(method, `/api/v1/organizations/${b.id}/${path()}`, body, {
        token: adminA.token,
      });
      const none = await t.http.request(method, `/api/v1/organizations/${randomUUID()}/${path()}`, body, {
        token: adminA.token,
      });
      expect({ route: `${method} ${path()}`, status: res.status }).toEqual({
        route: `${method} ${path()}`,
        status: 404,
      });
      expect(res.body.error).toMatchObject({ code: 'BIZ002', message: 'Organization not found' });
      expect(comparable(res.body)).toEqual(comparable(none.body));
    }
    expect(await stateOfB()).toEqual(before);
    // A's admin is never added to B, even by adding "themselves" there.
    const [{ n }] = await t.ownerQuery<{ n: number }>(
      'select count(*)::int as n from memberships where organization_id = $1 and user_id = $2',
      [b.id, adminA.userId],
    );
    expect(n).toBe(0);
  });

  it("keeps B's data intact after everything above", async () => {
    const res = await t.http.get(`/api/v1/organizations/${b.id}/users/${ids.userB}`, { token: b.adminToken });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: ids.userB,
      full_name: 'Test User',
      department_id: ids.departmentB,
      is_active: true,
    });
    const grants = await t.http.get(`/api/v1/organizations/${b.id}/users/${ids.userB}/roles`, {
      token: b.adminToken,
    });
    expect(grants.body.data).toEqual([
      expect.objectContaining({ role_id: ids.memberRoleB, role_code: 'member' }),
    ]);
  });
});
