import { createTestDatabase, TestDatabase } from '@erp/test-support';
import { toPageRequest } from '@erp/platform';
import { PROJECT_DEFAULT_SORT, PROJECT_SORT, ProjectFilters, ProjectQueries } from './project.queries';
import { WorkDatabase } from './work.int-fixtures';

describe('ProjectQueries (PostgreSQL)', () => {
  let test: TestDatabase;
  let db: WorkDatabase;
  let queries: ProjectQueries;
  let org: string;
  let otherOrg: string;
  let d1: string;
  let d2: string;
  let retrofit: string;

  const list = (
    filters: ProjectFilters = {},
    scope: 'all' | string[] = 'all',
    sort?: string,
    size?: number,
  ) =>
    db.as(org, () =>
      queries.list(org, scope, filters, toPageRequest({ sort, size }, PROJECT_SORT, PROJECT_DEFAULT_SORT)),
    );
  const codes = async (...args: Parameters<typeof list>) => (await list(...args)).items.map((p) => p.code);

  beforeAll(async () => {
    test = await createTestDatabase();
    db = await WorkDatabase.open(test.url);
    queries = new ProjectQueries(db.tx, db.cache);
    [org, otherOrg] = [await db.organization(), await db.organization()];
    [d1, d2] = [await db.department(org), await db.department(org)];
    retrofit = await db.project(org, {
      code: 'RETRO',
      name: 'Line 3 retrofit',
      department_id: d1,
      status: 'active',
      starts_on: '2026-01-05',
      ends_on: '2026-06-30',
    });
    await db.project(org, { code: 'AUDIT_25', name: 'annual audit', department_id: d2, status: 'planned' });
    await db.project(org, {
      code: 'MOVE',
      name: 'Warehouse move',
      status: 'completed',
      starts_on: '2025-10-01',
    });
    await db.project(otherOrg, { code: 'RETRO', name: 'Their retrofit' });
  });

  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  it('lists the organization’s projects by name (case-insensitive) by default', async () => {
    const result = await list();
    expect(result.total).toBe(3);
    expect(result.items.map((p) => p.name)).toEqual(['annual audit', 'Line 3 retrofit', 'Warehouse move']);
  });

  it('shows a project as the API does', async () => {
    expect(await db.as(org, () => queries.findById(org, 'all', retrofit))).toEqual({
      id: retrofit,
      organization_id: org,
      code: 'RETRO',
      name: 'Line 3 retrofit',
      description: null,
      department_id: d1,
      status: 'active',
      starts_on: '2026-01-05',
      ends_on: '2026-06-30',
      budget_amount: null,
      created_by: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      version: 1,
    });
  });

  it('filters by status and department, and searches name and code (% and _ literal)', async () => {
    expect(await codes({ status: 'active' })).toEqual(['RETRO']);
    expect(await codes({ department_id: d2 })).toEqual(['AUDIT_25']);
    expect(await codes({ q: 'RETRO' })).toEqual(['RETRO']);
    expect(await codes({ q: 'AUDIT' })).toEqual(['AUDIT_25']);
    expect(await codes({ q: '_' })).toEqual(['AUDIT_25']);
    expect(await codes({ q: 'their' })).toEqual([]);
  });

  it('narrows to the departments in scope', async () => {
    expect(await codes({}, [d1])).toEqual(['RETRO']);
    expect(await list({}, [])).toMatchObject({ items: [], total: 0 });
    expect(await db.as(org, () => queries.findById(org, [d2], retrofit))).toBeNull();
  });

  it('sorts by lifecycle status and by dates', async () => {
    expect(await codes({}, 'all', 'status')).toEqual(['AUDIT_25', 'RETRO', 'MOVE']);
    expect(await codes({}, 'all', '-starts_on,code')).toEqual(['AUDIT_25', 'RETRO', 'MOVE']);
    expect(await codes({}, 'all', 'starts_on', 1)).toEqual(['MOVE']);
  });
});
