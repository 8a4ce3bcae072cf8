import { randomUUID } from 'node:crypto';
import { Clock } from '@erp/kernel';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('ABAC policies', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let other: TestOrganization;
  let base: string;
  let admin: TestMember;
  let d1: string;
  let d2: string;
  let member: TestMember;
  let manager: TestMember;
  const tasks: Record<string, string> = {};

  const policyBody = (overrides: Record<string, unknown> = {}) => ({
    name: `policy-${randomUUID()}`,
    permission: 'task:read',
    effect: 'allow',
    condition: "user.department == resource.department or user.role_level >= 'manager'",
    ...overrides,
  });
  const createPolicy = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.http.post(`${base}/policies`, policyBody(overrides), { token: admin.token });
    if (res.status !== 201) throw new Error(`create policy: ${res.status} ${res.text}`);
    return res.body.data.id as string;
  };
  const taskIds = async (token: string) =>
    ((await t.http.get(`${base}/tasks`, { token, query: { size: 100 } })).body.data as { id: string }[])
      .map((x) => x.id)
      .sort();

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    other = await s.createOrganization();
    base = `/api/v1/organizations/${org.id}`;
    admin = await s.addMember(org.id, { roles: ['admin'] });
    d1 = await s.createDepartment(org.id);
    d2 = await s.createDepartment(org.id);
    member = await s.addMember(org.id, { roles: ['member'], departmentId: d1 });
    const role = await t.http.post(
      `${base}/roles`,
      { code: 'lead', name: 'Lead', permissions: ['task:read', 'task:update'], level: 'manager' },
      { token: admin.token },
    );
    expect(role.body.data).toMatchObject({ level: 'manager' });
    manager = await s.addMember(org.id, { roles: ['lead'], departmentId: d2 });
    const create = async (body: Record<string, unknown>) =>
      (await t.http.post(`${base}/tasks`, body, { token: admin.token })).body.data.id as string;
    tasks.d1 = await create({ title: 'In d1', department_id: d1 });
    tasks.d2 = await create({ title: 'In d2', department_id: d2, status: 'done' });
    tasks.none = await create({ title: 'Nowhere' });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  describe('CRUD and validation', () => {
    it('creates, reads, lists, changes (If-Match) and deletes a policy', async () => {
      const created = await t.http.post(`${base}/policies`, policyBody({ name: 'Dept' }), {
        token: admin.token,
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ name: 'Dept', permission: 'task:read', effect: 'allow' });
      const id = created.body.data.id as string;
      expect(created.headers.location).toBe(`${base}/policies/${id}`);
      const got = await t.http.get(`${base}/policies/${id}`, { token: admin.token });
      expect(got.headers.etag).toBeDefined();
      const list = await t.http.get(`${base}/policies`, {
        token: admin.token,
        query: { permission: 'task:read' },
      });
      expect(list.body.data.map((p: { id: string }) => p.id)).toContain(id);
      const stale = await t.http.patch(
        `${base}/policies/${id}`,
        { effect: 'deny' },
        { token: admin.token, headers: { 'if-match': '"stale"' } },
      );
      expect(stale.status).toBe(412);
      const changed = await t.http.patch(
        `${base}/policies/${id}`,
        { condition: 'time.hour >= 0' },
        { token: admin.token, headers: { 'if-match': String(got.headers.etag) } },
      );
      expect(changed.body.data).toMatchObject({ condition: 'time.hour >= 0' });
      expect((await t.http.delete(`${base}/policies/${id}`, { token: admin.token })).status).toBe(204);
      expect((await t.http.get(`${base}/policies/${id}`, { token: admin.token })).body.error.code).toBe(
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
        const res = await t.http.post(`${base}/policies`, policyBody({ condition }), { token: admin.token });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('VAL002');
        expect(res.body.error.field_errors[0]).toMatchObject({ field: 'condition' });
        expect(res.body.error.field_errors[0].message).toContain(message);
      }
      for (const body of [
        policyBody({ permission: 'task:fly' }),
        policyBody({ permission: 'policy:update' }),
        policyBody({ effect: 'maybe' }),
        { ...policyBody(), organization_id: other.id },
      ]) {
        const res = await t.http.post(`${base}/policies`, body, { token: admin.token });
        expect([res.status, res.body.error.code]).toEqual([422, 'VAL002']);
      }
      expect(await t.ownerQuery('select count(*)::int as n from policies')).toEqual(before);
    });

    it('refuses a taken name (409 BIZ001)', async () => {
      await createPolicy({ name: 'Unique', condition: 'true' });
      const res = await t.http.post(`${base}/policies`, policyBody({ name: 'Unique' }), {
        token: admin.token,
      });
      expect([res.status, res.body.error.code]).toEqual([409, 'BIZ001']);
      await t.ownerQuery(`delete from policies where name = 'Unique'`);
    });

    it('needs policy permissions (403 AUTH004) and hides other organizations (404 BIZ002)', async () => {
      const id = await createPolicy({ condition: 'true' });
      for (const [method, url] of [
        ['GET', `${base}/policies`],
        ['POST', `${base}/policies`],
        ['PATCH', `${base}/policies/${id}`],
        ['DELETE', `${base}/policies/${id}`],
        ['POST', `${base}/authorization/explain`],
      ] as const) {
        const res = await t.http.request(
          method,
          url,
          method === 'GET' || method === 'DELETE' ? undefined : {},
          {
            token: member.token,
          },
        );
        expect([method, url, res.status, res.body.error.code]).toEqual([method, url, 403, 'AUTH004']);
      }
      const foreign = `/api/v1/organizations/${other.id}/policies/${id}`;
      for (const res of [
        await t.http.get(foreign, { token: other.adminToken }),
        await t.http.patch(foreign, { name: 'x' }, { token: other.adminToken }),
        await t.http.delete(foreign, { token: other.adminToken }),
        await t.http.get(`/api/v1/organizations/${other.id}/policies`, { token: admin.token }),
      ])
        expect([res.status, res.body.error.code]).toEqual([404, 'BIZ002']);
      await t.http.delete(`${base}/policies/${id}`, { token: admin.token });
    });
  });

  describe('department visibility on tasks (seed 000)', () => {
    it('narrows lists and single reads the same way, lets managers see everything, and lifts on delete', async () => {
      const all = [tasks.d1, tasks.d2, tasks.none].sort();
      expect(await taskIds(member.token)).toEqual(all);
      const id = await createPolicy();
      expect(await taskIds(member.token)).toEqual([tasks.d1]);
      const hidden = await t.http.get(`${base}/tasks/${tasks.d2}`, { token: member.token });
      expect([hidden.status, hidden.body.error.code]).toEqual([404, 'BIZ002']);
      const patch = await t.http.patch(
        `${base}/tasks/${tasks.none}`,
        { title: 'x' },
        { token: member.token },
      );
      expect([patch.status, patch.body.error.code]).toEqual([404, 'BIZ002']);
      expect((await t.http.get(`${base}/tasks/${tasks.d1}`, { token: member.token })).status).toBe(200);
      expect(await taskIds(manager.token)).toEqual(all); // role level manager
      expect(await taskIds(admin.token)).toEqual(all);
      await t.http.delete(`${base}/policies/${id}`, { token: admin.token });
      expect(await taskIds(member.token)).toEqual(all);
    });

    it('a deny policy refuses where it holds (403 AUTH004 on a readable record) and nothing changes', async () => {
      const id = await createPolicy({
        permission: 'task:update',
        effect: 'deny',
        condition: "resource.status == 'done'",
      });
      const refused = await t.http.patch(
        `${base}/tasks/${tasks.d2}`,
        { title: 'Changed' },
        { token: manager.token },
      );
      expect([refused.status, refused.body.error.code]).toEqual([403, 'AUTH004']);
      expect(await t.ownerQuery('select title from tasks where id = $1', [tasks.d2])).toEqual([
        { title: 'In d2' },
      ]);
      // Policies judge the record as stored: a task may still be moved to done.
      const moved = await t.http.patch(
        `${base}/tasks/${tasks.d1}`,
        { status: 'done' },
        { token: manager.token },
      );
      expect(moved.status).toBe(200);
      await t.http.patch(`${base}/tasks/${tasks.d1}`, { status: 'todo' }, { token: admin.token });
      await t.http.delete(`${base}/policies/${id}`, { token: admin.token });
    });

    it('time-of-day rules follow the injected clock: 403 AUTH004 outside office hours', async () => {
      const id = await createPolicy({ condition: 'time.hour >= 9 and time.hour <= 17' });
      const clock = t.app.get(Clock);
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-03-02T10:00:00Z'));
      expect((await t.http.get(`${base}/tasks`, { token: member.token })).status).toBe(200);
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-03-02T20:00:00Z'));
      const list = await t.http.get(`${base}/tasks`, { token: member.token });
      expect([list.status, list.body.error.code]).toEqual([403, 'AUTH004']);
      const one = await t.http.get(`${base}/tasks/${tasks.d1}`, { token: member.token });
      expect([one.status, one.body.error.code]).toEqual([403, 'AUTH004']);
      await t.http.delete(`${base}/policies/${id}`, { token: admin.token });
    });
  });

  describe('explain', () => {
    const explain = (body: Record<string, unknown>) =>
      t.http.post(`${base}/authorization/explain`, body, { token: admin.token });

    it('names the grants and the policies behind a decision on a record', async () => {
      const id = await createPolicy({ name: 'Dept visibility' });
      const denied = await explain({
        user_id: member.userId,
        action: 'read',
        subject: 'task',
        resource_id: tasks.d2,
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
            condition: policyBody().condition,
            matched: false,
          },
        ],
      });
      const allowed = await explain({
        user_id: member.userId,
        action: 'read',
        subject: 'Task',
        resource_id: tasks.d1,
      });
      expect(allowed.body.data).toMatchObject({
        allowed: true,
        reasons: [{ type: 'grant' }, { matched: true }],
      });
      const coarse = await explain({ user_id: member.userId, action: 'read', subject: 'task' });
      expect(coarse.body.data).toMatchObject({ allowed: true, reasons: [{}, { matched: null }] });
      const none = await explain({ user_id: member.userId, action: 'delete', subject: 'task' });
      expect(none.body.data).toMatchObject({ allowed: false, reasons: [{ type: 'no_grant' }] });
      await t.http.delete(`${base}/policies/${id}`, { token: admin.token });
    });

    it('refuses unknown permissions (422), non-members and other organizations’ records (404)', async () => {
      const bad = await explain({ user_id: member.userId, action: 'fly', subject: 'task' });
      expect([bad.status, bad.body.error.code, bad.body.error.field_errors[0].field]).toEqual([
        422,
        'VAL002',
        'action',
      ]);
      const stranger = await explain({ user_id: randomUUID(), action: 'read', subject: 'task' });
      expect([stranger.status, stranger.body.error.code]).toEqual([404, 'BIZ002']);
      const foreignTask = (
        await t.http.post(
          `/api/v1/organizations/${other.id}/tasks`,
          { title: 'Theirs' },
          { token: other.adminToken },
        )
      ).body.data.id as string;
      const foreign = await explain({
        user_id: member.userId,
        action: 'read',
        subject: 'task',
        resource_id: foreignTask,
      });
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'BIZ002']);
    });
  });

  describe('field rules: a project budget', () => {
    it('is shown only with project:read_budget and written only with project:update_budget', async () => {
      const created = await t.http.post(
        `${base}/projects`,
        { name: 'Budgeted', code: 'BUD', budget_amount: 125000.5 },
        { token: admin.token },
      );
      expect(created.body.data).toMatchObject({ budget_amount: 125000.5 });
      const id = created.body.data.id as string;
      const seen = await t.http.get(`${base}/projects/${id}`, { token: member.token });
      expect(seen.status).toBe(200);
      expect(seen.body.data).not.toHaveProperty('budget_amount');
      const listed = await t.http.get(`${base}/projects`, { token: member.token });
      expect(listed.body.data.find((p: { id: string }) => p.id === id)).not.toHaveProperty('budget_amount');

      const editor = await t.http.post(
        `${base}/roles`,
        { code: 'pm', name: 'PM', permissions: ['project:read', 'project:update', 'project:create'] },
        { token: admin.token },
      );
      expect(editor.status).toBe(201);
      const pm = await s.addMember(org.id, { roles: ['pm'] });
      const write = await t.http.patch(
        `${base}/projects/${id}`,
        { budget_amount: 1, name: 'Renamed' },
        { token: pm.token },
      );
      expect([write.status, write.body.error.code]).toEqual([403, 'AUTH004']);
      const create = await t.http.post(
        `${base}/projects`,
        { name: 'X', code: 'X1', budget_amount: 5 },
        { token: pm.token },
      );
      expect([create.status, create.body.error.code]).toEqual([403, 'AUTH004']);
      expect(
        await t.ownerQuery('select name, budget_amount::text as b from projects where id = $1', [id]),
      ).toEqual([{ name: 'Budgeted', b: '125000.50' }]);
      expect(await t.ownerQuery(`select count(*)::int as n from projects where code = 'X1'`)).toEqual([
        { n: 0 },
      ]);
      expect(
        (await t.http.patch(`${base}/projects/${id}`, { name: 'Renamed' }, { token: pm.token })).status,
      ).toBe(200);
      const invalid = await t.http.patch(
        `${base}/projects/${id}`,
        { budget_amount: 1.234 },
        { token: admin.token },
      );
      expect([invalid.status, invalid.body.error.code]).toEqual([422, 'VAL002']);
    });
  });

  describe('role levels', () => {
    it('cannot be conferred above the caller’s own level (403 AUTH004)', async () => {
      const roleAdmin = await t.http.post(
        `${base}/roles`,
        { code: 'role-admin', name: 'Role admin', permissions: ['role:read', 'role:create', 'role:update'] },
        { token: admin.token },
      );
      expect(roleAdmin.status).toBe(201);
      const holder = await s.addMember(org.id, { roles: ['role-admin'] });
      const res = await t.http.post(
        `${base}/roles`,
        { code: 'boss', name: 'Boss', permissions: ['role:read'], level: 'admin' },
        { token: holder.token },
      );
      expect([res.status, res.body.error.code]).toEqual([403, 'AUTH004']);
    });
  });
});
