import { createTestDatabase, TestDatabase } from '@erp/test-support';
import { toPageRequest } from '@erp/platform';
import { TASK_DEFAULT_SORT, TASK_SORT, TaskFilters, TaskQueries } from './task.queries';
import { WorkDatabase } from './work.int-fixtures';

describe('TaskQueries (PostgreSQL)', () => {
  let test: TestDatabase;
  let db: WorkDatabase;
  let queries: TaskQueries;
  let org: string;
  let otherOrg: string;
  let d1: string;
  let d2: string;
  let project: string;
  let alice: string;
  const ids: Record<string, string> = {};

  const page = (sort?: string, extra: { page?: number; size?: number } = {}) =>
    toPageRequest({ sort, ...extra }, TASK_SORT, TASK_DEFAULT_SORT);
  const list = (filters: TaskFilters = {}, scope: 'all' | string[] = 'all', request = page('title')) =>
    db.as(org, () => queries.list(org, scope, filters, request));
  const titles = async (...args: Parameters<typeof list>) => (await list(...args)).items.map((t) => t.title);

  beforeAll(async () => {
    test = await createTestDatabase();
    db = await WorkDatabase.open(test.url);
    queries = new TaskQueries(db.tx, db.cache);
    [org, otherOrg] = [await db.organization(), await db.organization()];
    [d1, d2] = [await db.department(org), await db.department(org)];
    alice = await db.member(org);
    project = await db.project(org);
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();
    ids.a = await db.task(org, {
      title: 'Alpha wrench',
      department_id: d1,
      project_id: project,
      priority: 'low',
      created_at: at(1),
    });
    ids.b = await db.task(org, {
      title: 'Bravo',
      description: 'Needs 100% torque_check',
      department_id: d2,
      priority: 'urgent',
      status: 'done',
      created_at: at(2),
    });
    ids.c = await db.task(org, {
      title: 'charlie WRENCH',
      assignee_id: alice,
      priority: 'high',
      due_date: '2026-03-31',
      created_at: at(3),
    });
    ids.d = await db.task(org, {
      title: 'Delta',
      department_id: d1,
      project_id: project,
      status: 'in_progress',
      created_at: at(4),
    });
    await db.task(otherOrg, { title: 'Alpha of another organization' });
  });

  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  it('lists the organization’s tasks only, with the total', async () => {
    const result = await list();
    expect(result).toMatchObject({ total: 4, page: 1, size: 20 });
    expect(result.items.map((t) => t.title)).toEqual(['Alpha wrench', 'Bravo', 'charlie WRENCH', 'Delta']);
  });

  it('shows a task as the API does: snake_case, calendar dates, ISO timestamps, version', async () => {
    const task = await db.as(org, () => queries.findById(org, 'all', ids.c));
    expect(task).toEqual({
      id: ids.c,
      organization_id: org,
      project_id: null,
      title: 'charlie WRENCH',
      description: null,
      assignee_id: alice,
      department_id: null,
      status: 'todo',
      priority: 'high',
      due_date: '2026-03-31',
      created_by: null,
      created_at: '2026-01-01T00:03:00.000Z',
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      version: 1,
    });
  });

  it('filters by project, status, assignee and department, together', async () => {
    expect(await titles({ project_id: project })).toEqual(['Alpha wrench', 'Delta']);
    expect(await titles({ status: 'done' })).toEqual(['Bravo']);
    expect(await titles({ assignee_id: alice })).toEqual(['charlie WRENCH']);
    expect(await titles({ department_id: d1 })).toEqual(['Alpha wrench', 'Delta']);
    expect(await titles({ project_id: project, status: 'in_progress', department_id: d1 })).toEqual([
      'Delta',
    ]);
  });

  it('searches title and description case-insensitively, with % and _ matching themselves', async () => {
    expect(await titles({ q: 'wrench' })).toEqual(['Alpha wrench', 'charlie WRENCH']);
    expect(await titles({ q: '100%' })).toEqual(['Bravo']);
    expect(await titles({ q: 'torque_' })).toEqual(['Bravo']);
    expect(await titles({ q: '%' })).toEqual(['Bravo']);
    expect(await titles({ q: '_' })).toEqual(['Bravo']);
    expect(await titles({ q: 'Alpha of another' })).toEqual([]);
  });

  it('narrows to the departments in scope in SQL: none for an empty scope, never unassigned rows', async () => {
    expect(await titles({}, [d1])).toEqual(['Alpha wrench', 'Delta']);
    expect(await titles({}, [d1, d2])).toEqual(['Alpha wrench', 'Bravo', 'Delta']);
    expect(await list({}, [])).toMatchObject({ items: [], total: 0 });
    expect(await titles({ status: 'done' }, [d1])).toEqual([]);
    expect(await db.as(org, () => queries.findById(org, [d2], ids.a))).toBeNull();
    expect(await db.as(org, () => queries.findById(org, [d1], ids.a))).toMatchObject({ id: ids.a });
  });

  it('pages with a stable order and keeps the total past the end', async () => {
    const first = await list({}, 'all', page('-created_at', { size: 3 }));
    expect(first.items.map((t) => t.title)).toEqual(['Delta', 'charlie WRENCH', 'Bravo']);
    expect(first.total).toBe(4);
    const second = await list({}, 'all', page('-created_at', { size: 3, page: 2 }));
    expect(second.items.map((t) => t.title)).toEqual(['Alpha wrench']);
    expect(await list({}, 'all', page('-created_at', { size: 3, page: 5 }))).toMatchObject({
      items: [],
      total: 4,
    });
  });

  it('sorts status and priority in their natural order, and by several fields', async () => {
    expect(await titles({}, 'all', page('-priority'))).toEqual([
      'Bravo',
      'charlie WRENCH',
      'Delta',
      'Alpha wrench',
    ]);
    expect(await titles({}, 'all', page('status,title'))).toEqual([
      'Alpha wrench',
      'charlie WRENCH',
      'Delta',
      'Bravo',
    ]);
    expect((await titles({}, 'all', page('due_date')))[0]).toBe('charlie WRENCH');
  });

  it('never reaches another organization, even when asked for it by id', async () => {
    const other = await db.as(otherOrg, () => queries.list(otherOrg, 'all', {}, page()));
    expect(other.items.map((t) => t.title)).toEqual(['Alpha of another organization']);
    // The transaction is scoped to `org`: RLS hides the other organization whatever the filter says.
    expect(await db.as(org, () => queries.list(otherOrg, 'all', {}, page()))).toMatchObject({ total: 0 });
    expect(await db.as(otherOrg, () => queries.findById(otherOrg, 'all', ids.a))).toBeNull();
  });
});
