import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@erp/platform';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

/** An error body without what changes on every call. */
const comparable = (body: any) => ({
  ...body,
  meta: undefined,
  error: { ...body.error, trace_id: undefined },
});

describe('API keys: what a key may do, and where', () => {
  let t: TestApp;
  let s: Scenario;
  let a: TestOrganization;
  let b: TestOrganization;
  let owner: TestMember;

  const create = (token: string, body: object) => t.http.post('/api/v1/me/api-keys', body, { token });
  const newKey = async (member: TestMember, body: object = {}, organizationId = a.id) => {
    const res = await create(member.token, { name: 'k', organization_id: organizationId, ...body });
    if (res.status !== 201) throw new Error(`create key failed: ${res.status} ${res.text}`);
    return { id: res.body.data.id as string, key: res.body.data.key as string };
  };
  const as = (key: string) => ({ headers: { 'x-api-key': key } });

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    a = await s.createOrganization();
    b = await s.createOrganization();
    owner = await s.addMember(a.id, { roles: ['member'] });
  });
  afterAll(() => t.close());

  it('refuses scopes beyond what the owner holds in that organization, and stores nothing', async () => {
    const count = () => t.ownerQuery('select count(*)::int as n from api_keys');
    const before = await count();
    const res = await create(owner.token, {
      name: 'too much',
      organization_id: a.id,
      scopes: ['task:read', 'task:delete', 'role:assign'],
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'AUTH004',
      message: 'You do not have permission to give an API key the scopes role:assign, task:delete',
      details: { missing_permissions: ['role:assign', 'task:delete'] },
    });
    const unknown = await create(owner.token, { name: 'x', organization_id: a.id, scopes: ['task:fly'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'VAL002', field_errors: [{ field: 'scopes' }] });
    expect(await count()).toEqual(before);
  });

  it('narrows the key to its scopes: a task:read key reads tasks but cannot create one', async () => {
    const { key } = await newKey(owner, { scopes: ['task:read'] });
    expect((await t.http.get(`/api/v1/organizations/${a.id}/tasks`, as(key))).status).toBe(200);
    const post = await t.http.post(`/api/v1/organizations/${a.id}/tasks`, { title: 'Nope' }, as(key));
    expect(post.status).toBe(403);
    expect(post.body.error).toMatchObject({
      code: 'AUTH004',
      message: 'You do not have permission to create Task',
    });
    expect(
      (await t.http.post(`/api/v1/organizations/${a.id}/tasks`, { title: 'Yes' }, { token: owner.token }))
        .status,
    ).toBe(201);
    const users = await t.http.get(`/api/v1/organizations/${a.id}/users`, as(key));
    expect(users.body.error).toMatchObject({
      code: 'AUTH004',
      message: 'You do not have permission to read User',
    });
  });

  it('loses what the owner loses, on the very next request', async () => {
    const lead = await s.addMember(a.id, { roles: ['admin'] });
    const { key } = await newKey(lead);
    const url = `/api/v1/organizations/${a.id}/roles`;
    expect((await t.http.get(url, as(key))).status).toBe(200);
    const adminRole = await s.roleId(a.id, 'admin');
    const revoke = await t.http.delete(
      `/api/v1/organizations/${a.id}/users/${lead.userId}/roles/${adminRole}`,
      {
        token: await s.admin(),
      },
    );
    expect(revoke.status).toBe(204);
    const res = await t.http.get(url, as(key));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'AUTH004',
      message: 'You do not have permission to read Role',
    });
  });

  it('stops working when its owner leaves the organization (revoked: 401), and stays revoked if they return', async () => {
    const leaver = await s.addMember(a.id, { roles: ['member'] });
    const { id, key } = await newKey(leaver);
    expect((await t.http.get(`/api/v1/organizations/${a.id}/tasks`, as(key))).status).toBe(200);
    expect(
      (await t.http.delete(`/api/v1/organizations/${a.id}/users/${leaver.userId}`, { token: a.adminToken }))
        .status,
    ).toBe(204);
    const res = await t.http.get(`/api/v1/organizations/${a.id}/tasks`, as(key));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH003');
    const back = await t.http.post(
      `/api/v1/organizations/${a.id}/users`,
      { email: leaver.email, full_name: 'Back again' },
      { token: await s.admin() },
    );
    expect(back.status).toBe(201);
    expect((await t.http.get(`/api/v1/organizations/${a.id}/tasks`, as(key))).status).toBe(401);
    const listed = await t.http.get(`/api/v1/me/api-keys/${id}`, { token: leaver.token });
    expect(listed.body.data.status).toBe('revoked');
  });

  it('answers a key of organization A on organization B exactly like a missing organization', async () => {
    const { key } = await newKey(owner);
    const onB = await t.http.get(`/api/v1/organizations/${b.id}/tasks`, as(key));
    const missing = await t.http.get(`/api/v1/organizations/${randomUUID()}/tasks`, { token: owner.token });
    expect(onB.status).toBe(404);
    expect(comparable(onB.body)).toEqual(comparable(missing.body));
    expect(onB.body.error).toMatchObject({ code: 'BIZ002', message: 'Organization not found' });
    const orgB = await t.http.get(`/api/v1/organizations/${b.id}`, as(key));
    expect(comparable(orgB.body)).toEqual(comparable(missing.body));
  });

  it('even when the owner is a member of B too', async () => {
    const both = await s.addMember(a.id, { roles: ['admin'] });
    await t.http.post(
      `/api/v1/organizations/${b.id}/users`,
      { email: both.email, full_name: 'Both' },
      { token: await s.admin() },
    );
    expect((await t.http.get(`/api/v1/organizations/${b.id}/tasks`, { token: both.token })).status).toBe(403);
    const { key } = await newKey(both);
    const res = await t.http.get(`/api/v1/organizations/${b.id}/tasks`, as(key));
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 404, code: 'BIZ002' });
    const me = await t.http.get('/api/v1/auth/me', as(key));
    expect(me.body.data.organizations.map((o: { id: string }) => o.id)).toEqual([a.id]);
    const orgs = await t.http.get('/api/v1/organizations', as(key));
    expect(orgs.body.data.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect(orgs.body.meta.pagination.total).toBe(1);
    const mine = await t.http.get('/api/v1/organizations', { token: both.token });
    expect(mine.body.data).toHaveLength(2);
  });

  it('refuses a key for an organization the caller is not a member of, like a missing one', async () => {
    const outsider = await s.addMember(b.id, { roles: ['admin'] });
    const before = await t.ownerQuery('select count(*)::int as n from api_keys');
    const res = await create(outsider.token, { name: 'x', organization_id: a.id });
    const missing = await create(outsider.token, { name: 'x', organization_id: randomUUID() });
    expect(res.status).toBe(404);
    expect(comparable(res.body)).toEqual(comparable(missing.body));
    expect(res.body.error).toMatchObject({ code: 'BIZ002', message: 'Organization not found' });
    expect(await t.ownerQuery('select count(*)::int as n from api_keys')).toEqual(before);
  });

  it("shows the key's own organization and scoped permissions on /auth/me", async () => {
    const { key } = await newKey(owner, { scopes: ['task:read', 'project:read'] });
    const me = await t.http.get('/api/v1/auth/me', as(key));
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ id: owner.userId, email: owner.email, is_platform_admin: false });
    expect(me.body.data.organizations).toEqual([
      expect.objectContaining({ id: a.id, permissions: ['project:read', 'task:read'] }),
    ]);
    const catalogue = await t.http.get('/api/v1/permissions', as(key));
    expect(catalogue.status).toBe(200);
    const orgs = await t.http.get('/api/v1/organizations', as(key));
    expect(orgs.body.error).toMatchObject({
      code: 'AUTH004',
      message: 'You do not have permission to read Organization',
    });
  });

  it("never gives a platform administrator's key administrator rights", async () => {
    const adminToken = await s.admin();
    const adminMember = await t.http.get('/api/v1/auth/me', { token: adminToken });
    const { key } = await newKey({ token: adminToken } as TestMember, {}, a.id);
    expect(adminMember.body.data.is_platform_admin).toBe(true);
    const other = await t.http.get(`/api/v1/organizations/${b.id}`, as(key));
    expect(other.status).toBe(404);
    const created = await t.http.post('/api/v1/organizations', { name: 'Via key', code: 'via-key' }, as(key));
    expect(created.status).toBe(403);
    expect(created.body.error.code).toBe('AUTH004');
  });

  describe('key management with a key', () => {
    let key: string;
    let id: string;
    beforeAll(async () => {
      ({ key, id } = await newKey(owner));
    });
    it.each([
      ['GET', '/api/v1/me/api-keys'],
      ['POST', '/api/v1/me/api-keys'],
      ['GET', '/api/v1/me/api-keys/{id}'],
      ['DELETE', '/api/v1/me/api-keys/{id}'],
    ] as const)('%s %s → 403 AUTH004', async (method, path) => {
      const body = method === 'POST' ? { name: 'child', organization_id: a.id } : undefined;
      const res = await t.http.request(method, path.replace('{id}', id), body, as(key));
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        code: 'AUTH004',
        message: 'You do not have permission to call this route with an API key',
      });
      expect((await t.http.get(`/api/v1/me/api-keys/${id}`, { token: owner.token })).body.data.status).toBe(
        'active',
      );
    });
  });

  describe('row-level security of the table', () => {
    let runtime: DataSource;
    beforeAll(async () => {
      runtime = await new DataSource(
        dataSourceOptions(t.database.url, { role: 'runtime', poolSize: 1 }),
      ).initialize();
    });
    afterAll(() => runtime.destroy());

    /** A transaction as the API opens it, as the runtime role. */
    const asRuntime = async (organizationId: string, userId: string, sql: string, params: unknown[] = []) => {
      const runner = runtime.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(
          `select set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`,
          [organizationId, userId],
        );
        return (await runner.query(sql, params)) as Record<string, unknown>[];
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };

    it('lets the runtime role read no other organization’s keys, and the lookup function returns one row', async () => {
      const ownerOfB = await s.addMember(b.id, { roles: ['member'] });
      const keyOfB = await newKey(ownerOfB, {}, b.id);
      await newKey(owner);
      const seen = await asRuntime(a.id, owner.userId, 'select organization_id, user_id from api_keys');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.organization_id === a.id || r.user_id === owner.userId)).toBe(true);
      expect(
        await asRuntime(a.id, owner.userId, 'select * from api_keys where organization_id = $1', [b.id]),
      ).toEqual([]);
      expect(await asRuntime('', '', 'select * from api_keys')).toEqual([]);
      await expect(
        asRuntime(
          a.id,
          owner.userId,
          `update api_keys set revoked_at = now() where organization_id = $1 returning id`,
          [b.id],
        ),
      ).resolves.toEqual([[], 0]); // TypeORM answers an UPDATE with [rows, count]: none changed

      const lookupId = keyOfB.key.slice(5, 21);
      const found = await asRuntime('', '', 'select * from api_key_for_authentication($1)', [lookupId]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ id: keyOfB.id, organization_id: b.id, owner_active: true });
      expect(await asRuntime('', '', 'select * from api_key_for_authentication($1)', ['%'])).toEqual([]);
    });
  });
});
