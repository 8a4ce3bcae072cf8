import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('tasks API: list', () => {
  let t: TestApp;
  let s: Scenario;
  const as = (token: string) => ({ token });

  afterAll(() => t.close());

  describe('one organization with five tasks', () => {
    let listOrg: TestOrganization;
    let listAdmin: TestMember;
    let listBase: string;
    let project: string;
    let department: string;
    let worker: TestMember;
    const list = (query: Record<string, string | number> = {}) =>
      t.http.get(`${listBase}/tasks`, { token: listAdmin.token, query });
    const titles = async (query: Record<string, string | number> = {}) =>
      ((await list(query)).body.data as { title: string }[]).map((task) => task.title);

    beforeAll(async () => {
      t = await startTestApp();
      s = new Scenario(t);
      listOrg = await s.createOrganization();
      listAdmin = await s.addMember(listOrg.id, { roles: ['admin'] });
      listBase = `/api/v1/organizations/${listOrg.id}`;
      department = await s.createDepartment(listOrg.id);
      worker = await s.addMember(listOrg.id);
      const create = (url: string, body: unknown) => t.http.post(url, body, as(listAdmin.token));
      project = (await create(`${listBase}/projects`, { name: 'Retrofit', code: 'RETRO' })).body.data.id;
      for (const body of [
        { title: 'Alpha', project_id: project, priority: 'low' },
        {
          title: 'Bravo',
          description: 'needs 100% torque',
          status: 'done',
          priority: 'urgent',
          department_id: department,
        },
        { title: 'Charlie', assignee_id: worker.userId, priority: 'high', project_id: project },
        { title: 'Delta 50_50', status: 'review', department_id: department, assignee_id: worker.userId },
        { title: 'Echo' },
      ])
        expect((await create(`${listBase}/tasks`, body)).status).toBe(201);
    });

    it('pages with meta.pagination, newest first by default', async () => {
      const first = await list({ size: 2 });
      expect(first.status).toBe(200);
      expect(first.body.meta.pagination).toEqual({ page: 1, size: 2, total: 5, pages: 3 });
      expect(first.body.data.map((task: { title: string }) => task.title)).toEqual(['Echo', 'Delta 50_50']);
      expect(await titles({ size: 2, page: 3 })).toEqual(['Alpha']);
      const past = await list({ size: 2, page: 9 });
      expect(past.body).toMatchObject({
        data: [],
        meta: { pagination: { page: 9, size: 2, total: 5, pages: 3 } },
      });
    });

    it('filters by project, status, assignee and department', async () => {
      expect(await titles({ project_id: project, sort: 'title' })).toEqual(['Alpha', 'Charlie']);
      expect(await titles({ status: 'done' })).toEqual(['Bravo']);
      expect(await titles({ assignee_id: worker.userId, sort: 'title' })).toEqual(['Charlie', 'Delta 50_50']);
      expect(await titles({ department_id: department, status: 'review' })).toEqual(['Delta 50_50']);
      expect(await titles({ project_id: randomUUID() })).toEqual([]);
    });

    it('searches title and description with q, taking % and _ literally', async () => {
      expect(await titles({ q: 'ALPHA' })).toEqual(['Alpha']);
      expect(await titles({ q: 'torque' })).toEqual(['Bravo']);
      expect(await titles({ q: '100%' })).toEqual(['Bravo']);
      expect(await titles({ q: '0_5' })).toEqual(['Delta 50_50']);
      expect(await titles({ q: '_' })).toEqual(['Delta 50_50']);
    });

    it('sorts by allow-listed fields only', async () => {
      expect(await titles({ sort: '-priority,title' })).toEqual([
        'Bravo',
        'Charlie',
        'Delta 50_50',
        'Echo',
        'Alpha',
      ]);
      expect(await titles({ sort: 'status,-title' })).toEqual([
        'Echo',
        'Charlie',
        'Alpha',
        'Delta 50_50',
        'Bravo',
      ]);
      for (const sort of ['description', 'organization_id', 'title,secret']) {
        const res = await list({ sort });
        expect(res.status).toBe(422);
        expect(res.body.error).toMatchObject({
          code: 'VAL002',
          field_errors: [{ field: 'sort', invalid_value: sort }],
        });
      }
    });

    it('refuses malformed list parameters', async () => {
      for (const [query, code, field] of [
        [{ size: 101 }, 'VAL003', 'size'],
        [{ page: 0 }, 'VAL003', 'page'],
        [{ status: 'blocked' }, 'VAL002', 'status'],
        [{ assignee_id: 'me' }, 'VAL002', 'assignee_id'],
        [{ organization_id: listOrg.id }, 'VAL002', 'organization_id'],
      ] as const) {
        const res = await list(query);
        expect({ field, status: res.status, code: res.body.error?.code }).toEqual({
          field,
          status: 422,
          code,
        });
        expect(res.body.error.field_errors[0].field).toBe(field);
      }
    });
  });
});
