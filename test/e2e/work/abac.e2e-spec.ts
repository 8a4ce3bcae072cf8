import { Clock } from '@erp/kernel';
import { AbacFixture, startTestApp, TestApp } from '@erp/test-support';

describe('ABAC on work: department visibility, deny and time rules, field rules', () => {
  let t: TestApp;
  let f: AbacFixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await new AbacFixture(t).setUp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  describe('department visibility on tasks (seed 000)', () => {
    it('narrows lists and single reads the same way, lets managers see everything, and lifts on delete', async () => {
      const all = [f.tasks.d1, f.tasks.d2, f.tasks.none].sort();
      expect(await f.taskIds(f.member.token)).toEqual(all);
      const id = await f.createPolicy();
      expect(await f.taskIds(f.member.token)).toEqual([f.tasks.d1]);
      const hidden = await t.http.get(`${f.base}/tasks/${f.tasks.d2}`, { token: f.member.token });
      expect([hidden.status, hidden.body.error.code]).toEqual([404, 'BIZ002']);
      const patch = await t.http.patch(
        `${f.base}/tasks/${f.tasks.none}`,
        { title: 'x' },
        { token: f.member.token },
      );
      expect([patch.status, patch.body.error.code]).toEqual([404, 'BIZ002']);
      expect((await t.http.get(`${f.base}/tasks/${f.tasks.d1}`, { token: f.member.token })).status).toBe(200);
      expect(await f.taskIds(f.manager.token)).toEqual(all); // role level manager
      expect(await f.taskIds(f.admin.token)).toEqual(all);
      await t.http.delete(`${f.base}/policies/${id}`, { token: f.admin.token });
      expect(await f.taskIds(f.member.token)).toEqual(all);
    });

    it('a deny policy refuses where it holds (403 AUTH004 on a readable record) and nothing changes', async () => {
      const id = await f.createPolicy({
        permission: 'task:update',
        effect: 'deny',
        condition: "resource.status == 'done'",
      });
      const refused = await t.http.patch(
        `${f.base}/tasks/${f.tasks.d2}`,
        { title: 'Changed' },
        { token: f.manager.token },
      );
      expect([refused.status, refused.body.error.code]).toEqual([403, 'AUTH004']);
      expect(await t.ownerQuery('select title from tasks where id = $1', [f.tasks.d2])).toEqual([
        { title: 'In d2' },
      ]);
      // Policies judge the record as stored: a task may still be moved to done.
      const moved = await t.http.patch(
        `${f.base}/tasks/${f.tasks.d1}`,
        { status: 'done' },
        { token: f.manager.token },
      );
      expect(moved.status).toBe(200);
      await t.http.patch(`${f.base}/tasks/${f.tasks.d1}`, { status: 'todo' }, { token: f.admin.token });
      await t.http.delete(`${f.base}/policies/${id}`, { token: f.admin.token });
    });

    it('time-of-day rules follow the injected clock: 403 AUTH004 outside office hours', async () => {
      const id = await f.createPolicy({ condition: 'time.hour >= 9 and time.hour <= 17' });
      const clock = t.app.get(Clock);
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-03-02T10:00:00Z'));
      expect((await t.http.get(`${f.base}/tasks`, { token: f.member.token })).status).toBe(200);
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-03-02T20:00:00Z'));
      const list = await t.http.get(`${f.base}/tasks`, { token: f.member.token });
      expect([list.status, list.body.error.code]).toEqual([403, 'AUTH004']);
      const one = await t.http.get(`${f.base}/tasks/${f.tasks.d1}`, { token: f.member.token });
      expect([one.status, one.body.error.code]).toEqual([403, 'AUTH004']);
      await t.http.delete(`${f.base}/policies/${id}`, { token: f.admin.token });
    });
  });

  describe('field rules: a project budget', () => {
    it('is shown only with project:read_budget and written only with project:update_budget', async () => {
      const created = await t.http.post(
        `${f.base}/projects`,
        { name: 'Budgeted', code: 'BUD', budget_amount: 125000.5 },
        { token: f.admin.token },
      );
      expect(created.body.data).toMatchObject({ budget_amount: 125000.5 });
      const id = created.body.data.id as string;
      const seen = await t.http.get(`${f.base}/projects/${id}`, { token: f.member.token });
      expect(seen.status).toBe(200);
      expect(seen.body.data).not.toHaveProperty('budget_amount');
      const listed = await t.http.get(`${f.base}/projects`, { token: f.member.token });
      expect(listed.body.data.find((p: { id: string }) => p.id === id)).not.toHaveProperty('budget_amount');

      const editor = await t.http.post(
        `${f.base}/roles`,
        { code: 'pm', name: 'PM', permissions: ['project:read', 'project:update', 'project:create'] },
        { token: f.admin.token },
      );
      expect(editor.status).toBe(201);
      const pm = await f.s.addMember(f.org.id, { roles: ['pm'] });
      const write = await t.http.patch(
        `${f.base}/projects/${id}`,
        { budget_amount: 1, name: 'Renamed' },
        { token: pm.token },
      );
      expect([write.status, write.body.error.code]).toEqual([403, 'AUTH004']);
      const create = await t.http.post(
        `${f.base}/projects`,
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
        (await t.http.patch(`${f.base}/projects/${id}`, { name: 'Renamed' }, { token: pm.token })).status,
      ).toBe(200);
      const invalid = await t.http.patch(
        `${f.base}/projects/${id}`,
        { budget_amount: 1.234 },
        { token: f.admin.token },
      );
      expect([invalid.status, invalid.body.error.code]).toEqual([422, 'VAL002']);
    });
  });
});
