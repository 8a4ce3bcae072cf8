import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('tasks API', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let admin: TestMember;
  let base: string;

  const as = (token: string, headers?: Record<string, string>) => ({ token, headers });
  const get = (url: string, query?: Record<string, string | number>) =>
    t.http.get(url, { token: admin.token, query });
  const post = (url: string, body: unknown) => t.http.post(url, body, as(admin.token));
  const patch = (url: string, body: unknown, headers?: Record<string, string>) =>
    t.http.patch(url, body, as(admin.token, headers));
  const taskCount = async () =>
    (
      await t.ownerQuery<{ n: number }>('select count(*)::int as n from tasks where organization_id = $1', [
        org.id,
      ])
    )[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    admin = await s.addMember(org.id, { roles: ['admin'] });
    base = `/api/v1/organizations/${org.id}`;
  });
  afterAll(() => t.close());

  describe('one task, from creation to deletion', () => {
    it('creates (201 + Location), reads with an ETag, changes with If-Match, deletes (204)', async () => {
      const assignee = await s.addMember(org.id);
      const created = await post(`${base}/tasks`, {
        title: 'Calibrate wrenches',
        priority: 'high',
        due_date: '2026-03-31',
      });
      expect(created.status).toBe(201);
      const task = created.body.data;
      expect(created.headers.location).toBe(`${base}/tasks/${task.id}`);
      expect(task).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        organization_id: org.id,
        project_id: null,
        title: 'Calibrate wrenches',
        description: null,
        assignee_id: null,
        department_id: null,
        status: 'todo',
        priority: 'high',
        due_date: '2026-03-31',
        created_by: admin.userId,
        created_at: expect.stringMatching(/Z$/),
        updated_at: expect.stringMatching(/Z$/),
        version: 1,
      });

      const read = await get(created.headers.location as string);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe(`"${task.id}.1"`);
      expect(read.body.data).toEqual(task);

      const changed = await patch(
        `${base}/tasks/${task.id}`,
        { status: 'in_progress', assignee_id: assignee.userId, description: 'All of line 3' },
        { 'if-match': read.headers.etag as string },
      );
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toBe(`"${task.id}.2"`);
      expect(changed.body.data).toMatchObject({
        status: 'in_progress',
        assignee_id: assignee.userId,
        version: 2,
        title: 'Calibrate wrenches',
      });

      const stale = await patch(
        `${base}/tasks/${task.id}`,
        { title: 'Lost update' },
        { 'if-match': read.headers.etag as string },
      );
      expect(stale.status).toBe(412);
      expect(stale.body.error).toMatchObject({ code: 'CONC001' });
      expect((await get(`${base}/tasks/${task.id}`)).body.data).toMatchObject({
        title: 'Calibrate wrenches',
        version: 2,
      });

      const cleared = await patch(`${base}/tasks/${task.id}`, {
        assignee_id: null,
        due_date: null,
        description: null,
      });
      expect(cleared.body.data).toMatchObject({
        assignee_id: null,
        due_date: null,
        description: null,
        version: 3,
      });
      const noop = await patch(`${base}/tasks/${task.id}`, {});
      expect(noop.headers.etag).toBe(`"${task.id}.3"`);

      const staleDelete = await t.http.delete(
        `${base}/tasks/${task.id}`,
        as(admin.token, { 'if-match': read.headers.etag as string }),
      );
      expect(staleDelete.status).toBe(412);
      const deleted = await t.http.delete(
        `${base}/tasks/${task.id}`,
        as(admin.token, { 'if-match': `"${task.id}.3"` }),
      );
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      const gone = await get(`${base}/tasks/${task.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error).toMatchObject({ code: 'BIZ002', message: 'Task not found' });
    });

    it('answers 404 for an unknown id and 422 for a malformed one', async () => {
      const unknown = await get(`${base}/tasks/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('BIZ002');
      const malformed = await get(`${base}/tasks/42`);
      expect(malformed.status).toBe(422);
      expect(malformed.body.error).toMatchObject({
        code: 'VAL002',
        field_errors: [{ field: 'id', invalid_value: '42' }],
      });
      expect((await patch(`${base}/tasks/${randomUUID()}`, { title: 'x' })).status).toBe(404);
      expect((await t.http.delete(`${base}/tasks/${randomUUID()}`, as(admin.token))).status).toBe(404);
    });
  });

  describe('bad input is refused with 422 and stores nothing', () => {
    it.each([
      ['a missing title', {}, 'VAL001', 'title'],
      ['a null title', { title: null }, 'VAL001', 'title'],
      ['a numeric title', { title: 7 }, 'VAL002', 'title'],
      ['an oversized title', { title: 'x'.repeat(201) }, 'VAL003', 'title'],
      ['an oversized description', { title: 'x', description: 'x'.repeat(10_001) }, 'VAL003', 'description'],
      ['an unknown status', { title: 'x', status: 'blocked' }, 'VAL002', 'status'],
      ['an unknown priority', { title: 'x', priority: 'critical' }, 'VAL002', 'priority'],
      ['a day that does not exist', { title: 'x', due_date: '2026-02-30' }, 'VAL002', 'due_date'],
      ['a date-time as due date', { title: 'x', due_date: '2026-02-01T10:00:00Z' }, 'VAL002', 'due_date'],
      ['a malformed project id', { title: 'x', project_id: 'p-1' }, 'VAL002', 'project_id'],
      ['an organization_id', { title: 'x', organization_id: randomUUID() }, 'VAL002', 'organization_id'],
      ['a created_by', { title: 'x', created_by: randomUUID() }, 'VAL002', 'created_by'],
      ['a version', { title: 'x', version: 9 }, 'VAL002', 'version'],
    ])('%s', async (_name, body, code, field) => {
      const before = await taskCount();
      const res = await post(`${base}/tasks`, body);
      expect(res.status).toBe(422);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toMatchObject({ code });
      expect(res.body.error.field_errors[0]).toMatchObject({ field });
      expect(await taskCount()).toBe(before);
    });

    it('refuses a blank title and a change that nulls a required field', async () => {
      const blank = await post(`${base}/tasks`, { title: '   ' });
      expect(blank.status).toBe(422);
      expect(blank.body.error.code).toBe('VAL001');
      const task = (await post(`${base}/tasks`, { title: 'Keep me' })).body.data;
      const nulled = await patch(`${base}/tasks/${task.id}`, { title: null });
      expect(nulled.body.error).toMatchObject({ code: 'VAL001', field_errors: [{ field: 'title' }] });
      const unknown = await patch(`${base}/tasks/${task.id}`, { organization_id: randomUUID() });
      expect(unknown.body.error).toMatchObject({
        code: 'VAL002',
        field_errors: [{ field: 'organization_id' }],
      });
      expect((await get(`${base}/tasks/${task.id}`)).body.data).toMatchObject({
        title: 'Keep me',
        version: 1,
      });
    });

    it('refuses references that are not the organization’s (422 VAL002 naming the field)', async () => {
      const other = await s.createOrganization();
      const foreignProject = (
        await t.http.post(
          `/api/v1/organizations/${other.id}/projects`,
          { name: 'Theirs', code: 'THEIRS' },
          as(other.adminToken),
        )
      ).body.data.id;
      const foreignDepartment = await s.createDepartment(other.id);
      const outsider = await s.addMember(other.id);
      const former = await s.addMember(org.id);
      expect((await t.http.delete(`${base}/users/${former.userId}`, as(admin.token))).status).toBe(204);
      const task = (await post(`${base}/tasks`, { title: 'Target' })).body.data;
      const before = await taskCount();
      for (const [field, value] of [
        ['project_id', foreignProject],
        ['project_id', randomUUID()],
        ['department_id', foreignDepartment],
        ['assignee_id', outsider.userId],
        ['assignee_id', former.userId],
      ]) {
        const created = await post(`${base}/tasks`, { title: 'x', [field]: value });
        expect({ field, status: created.status, code: created.body.error?.code }).toEqual({
          field,
          status: 422,
          code: 'VAL002',
        });
        expect(created.body.error.message).toContain(field);
        const changed = await patch(`${base}/tasks/${task.id}`, { [field]: value });
        expect({ field, status: changed.status }).toEqual({ field, status: 422 });
      }
      expect(await taskCount()).toBe(before);
      expect((await get(`${base}/tasks/${task.id}`)).body.data.version).toBe(1);
    });
  });
});
