import { randomUUID } from 'node:crypto';
import { AbacFixture, startTestApp, TestApp } from '@erp/test-support';

describe('ABAC policies: CRUD, explain, role levels', () => {
  let t: TestApp;
  let f: AbacFixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await new AbacFixture(t).setUp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  describe('CRUD and validation', () => {
    it('creates, reads, lists, changes (If-Match) and deletes a policy', async () => {
      const created = await t.http.post(`${f.base}/policies`, f.policyBody({ name: 'Dept' }), {
        token: f.admin.token,
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ name: 'Dept', permission: 'task:read', effect: 'allow' });
      const id = created.body.data.id as string;
      expect(created.headers.location).toBe(`${f.base}/policies/${id}`);
      const got = await t.http.get(`${f.base}/policies/${id}`, { token: f.admin.token });
      expect(got.headers.etag).toBeDefined();
      const list = await t.http.get(`${f.base}/policies`, {
        token: f.admin.token,
        query: { permission: 'task:read' },
      });
      expect(list.body.data.map((p: { id: string }) => p.id)).toContain(id);
      const stale = await t.http.patch(
        `${f.base}/policies/${id}`,
        { effect: 'deny' },
        { token: f.admin.token, headers: { 'if-match': '"stale"' } },
      );
      expect(stale.status).toBe(412);
      const changed = await t.http.patch(
        `${f.base}/policies/${id}`,
        { condition: 'time.hour >= 0' },
        { token: f.admin.token, headers: { 'if-match': String(got.headers.etag) } },
      );
      expect(changed.body.data).toMatchObject({ condition: 'time.hour >= 0' });
      expect((await t.http.delete(`${f.base}/policies/${id}`, { token: f.admin.token })).status).toBe(204);
      expect((await t.http.get(`${f.base}/policies/${id}`, { token: f.admin.token })).body.error.code).toBe(
        'BIZ002',
      );
    });

    it('refuses a bad condition with 422 VAL002 on condition saying where, and stores nothing', async () => {
      const before = await t.ownerQuery<{ n: number }>('select count(*)::int as n from policies');
      for (const [condition, message] of [
        [
          'user.department ==',
          'Expected a value or an attribute but found the end of the condition (at character 19)',
        ],
        ["process.exit('1')", "Function calls are not allowed ('process.exit(...)') (at character 13)"],
        ['resource.salary > 1', "Unknown attribute 'resource.salary'"],
        ["resource.status == 'archived'", 'Expected one of'],
        ['user.department == resource.department; drop table tasks', "Unexpected ';'"],
      ]) {
        const res = await t.http.post(`${f.base}/policies`, f.policyBody({ condition }), {
          token: f.admin.token,
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('VAL002');
        expect(res.body.error.field_errors[0]).toMatchObject({ field: 'condition' });
        expect(res.body.error.field_errors[0].message).toContain(message);
      }
      for (const body of [
        f.policyBody({ permission: 'task:fly' }),
        f.policyBody({ permission: 'policy:update' }),
        f.policyBody({ effect: 'maybe' }),
        { ...f.policyBody(), organization_id: f.other.id },
      ]) {
        const res = await t.http.post(`${f.base}/policies`, body, { token: f.admin.token });
        expect([res.status, res.body.error.code]).toEqual([422, 'VAL002']);
      }
      expect(await t.ownerQuery('select count(*)::int as n from policies')).toEqual(before);
    });

    it('refuses a taken name (409 BIZ001)', async () => {
      await f.createPolicy({ name: 'Unique', condition: 'true' });
      const res = await t.http.post(`${f.base}/policies`, f.policyBody({ name: 'Unique' }), {
        token: f.admin.token,
      });
      expect([res.status, res.body.error.code]).toEqual([409, 'BIZ001']);
      await t.ownerQuery(`delete from policies where name = 'Unique'`);
    });

    it('needs policy permissions (403 AUTH004) and hides other organizations (404 BIZ002)', async () => {
      const id = await f.createPolicy({ condition: 'true' });
      for (const [method, url] of [
        ['GET', `${f.base}/policies`],
        ['POST', `${f.base}/policies`],
        ['PATCH', `${f.base}/policies/${id}`],
        ['DELETE', `${f.base}/policies/${id}`],
        ['POST', `${f.base}/authorization/explain`],
      ] as const) {
        const res = await t.http.request(
          method,
          url,
          method === 'GET' || method === 'DELETE' ? undefined : {},
          {
            token: f.member.token,
          },
        );
        expect([method, url, res.status, res.body.error.code]).toEqual([method, url, 403, 'AUTH004']);
      }
      const foreign = `/api/v1/organizations/${f.other.id}/policies/${id}`;
      for (const res of [
        await t.http.get(foreign, { token: f.other.adminToken }),
        await t.http.patch(foreign, { name: 'x' }, { token: f.other.adminToken }),
        await t.http.delete(foreign, { token: f.other.adminToken }),
        await t.http.get(`/api/v1/organizations/${f.other.id}/policies`, { token: f.admin.token }),
      ])
        expect([res.status, res.body.error.code]).toEqual([404, 'BIZ002']);
      await t.http.delete(`${f.base}/policies/${id}`, { token: f.admin.token });
    });
  });

  describe('explain', () => {
    const explain = (body: Record<string, unknown>) =>
      t.http.post(`${f.base}/authorization/explain`, body, { token: f.admin.token });

    it('names the grants and the policies behind a decision on a record', async () => {
      const id = await f.createPolicy({ name: 'Dept visibility' });
      const denied = await explain({
        user_id: f.member.userId,
        action: 'read',
        subject: 'task',
        resource_id: f.tasks.d2,
      });
      expect(denied.status).toBe(200);
      expect(denied.body.data).toEqual({
        allowed: false,
        permission: 'task:read',
        reasons: [
          {
            type: 'grant',
            role_id: expect.any(String),
            role_code: 'member',
            department_id: null,
            applies: true,
          },
          {
            type: 'policy',
            policy_id: id,
            name: 'Dept visibility',
            effect: 'allow',
            condition: f.policyBody().condition,
            matched: false,
          },
        ],
      });
      const allowed = await explain({
        user_id: f.member.userId,
        action: 'read',
        subject: 'Task',
        resource_id: f.tasks.d1,
      });
      expect(allowed.body.data).toMatchObject({
        allowed: true,
        reasons: [{ type: 'grant' }, { matched: true }],
      });
      const coarse = await explain({ user_id: f.member.userId, action: 'read', subject: 'task' });
      expect(coarse.body.data).toMatchObject({ allowed: true, reasons: [{}, { matched: null }] });
      const none = await explain({ user_id: f.member.userId, action: 'delete', subject: 'task' });
      expect(none.body.data).toMatchObject({ allowed: false, reasons: [{ type: 'no_grant' }] });
      await t.http.delete(`${f.base}/policies/${id}`, { token: f.admin.token });
    });

    it('refuses unknown permissions (422), non-members and other organizations’ records (404)', async () => {
      const bad = await explain({ user_id: f.member.userId, action: 'fly', subject: 'task' });
      expect([bad.status, bad.body.error.code, bad.body.error.field_errors[0].field]).toEqual([
        422,
        'VAL002',
        'action',
      ]);
      const stranger = await explain({ user_id: randomUUID(), action: 'read', subject: 'task' });
      expect([stranger.status, stranger.body.error.code]).toEqual([404, 'BIZ002']);
      const foreignTask = (
        await t.http.post(
          `/api/v1/organizations/${f.other.id}/tasks`,
          { title: 'Theirs' },
          { token: f.other.adminToken },
        )
      ).body.data.id as string;
      const foreign = await explain({
        user_id: f.member.userId,
        action: 'read',
        subject: 'task',
        resource_id: foreignTask,
      });
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'BIZ002']);
    });
  });

  describe('role levels', () => {
    it('cannot be conferred above the caller’s own level (403 AUTH004)', async () => {
      const roleAdmin = await t.http.post(
        `${f.base}/roles`,
        { code: 'role-admin', name: 'Role admin', permissions: ['role:read', 'role:create', 'role:update'] },
        { token: f.admin.token },
      );
      expect(roleAdmin.status).toBe(201);
      const holder = await f.s.addMember(f.org.id, { roles: ['role-admin'] });
      const res = await t.http.post(
        `${f.base}/roles`,
        { code: 'boss', name: 'Boss', permissions: ['role:read'], level: 'admin' },
        { token: holder.token },
      );
      expect([res.status, res.body.error.code]).toEqual([403, 'AUTH004']);
    });
  });
});
