import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('projects API', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let admin: TestMember;
  let base: string;

  const opts = (headers?: Record<string, string>) => ({ token: admin.token, headers });
  const get = (url: string, query?: Record<string, string | number>) =>
    t.http.get(url, { token: admin.token, query });
  const post = (url: string, body: unknown) => t.http.post(url, body, opts());
  const patch = (url: string, body: unknown, headers?: Record<string, string>) =>
    t.http.patch(url, body, opts(headers));
  const remove = (url: string, headers?: Record<string, string>) => t.http.delete(url, opts(headers));
  const projectCount = async () =>
    (
      await t.ownerQuery<{ n: number }>(
        'select count(*)::int as n from projects where organization_id = $1',
        [org.id],
      )
    )[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    admin = await s.addMember(org.id, { roles: ['admin'] });
    base = `/api/v1/organizations/${org.id}`;
  });
  afterAll(() => t.close());

  it('creates (201 + Location), reads with an ETag, changes with If-Match and deletes (204)', async () => {
    const department = await s.createDepartment(org.id);
    const created = await post(`${base}/projects`, {
      name: 'Line 3 retrofit',
      code: 'L3-RETRO',
      department_id: department,
      starts_on: '2026-01-05',
      ends_on: '2026-06-30',
    });
    expect(created.status).toBe(201);
    const project = created.body.data;
    expect(created.headers.location).toBe(`${base}/projects/${project.id}`);
    expect(project).toEqual({
      id: expect.any(String),
      organization_id: org.id,
      code: 'L3-RETRO',
      name: 'Line 3 retrofit',
      description: null,
      department_id: department,
      status: 'planned',
      starts_on: '2026-01-05',
      ends_on: '2026-06-30',
      budget_amount: null,
      created_by: admin.userId,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      version: 1,
    });

    const read = await get(`${base}/projects/${project.id}`);
    expect(read.headers.etag).toBe(`"${project.id}.1"`);
    expect(read.body.data).toEqual(project);

    const changed = await patch(
      `${base}/projects/${project.id}`,
      { status: 'active', ends_on: null },
      { 'if-match': `"${project.id}.1"` },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe(`"${project.id}.2"`);
    expect(changed.body.data).toMatchObject({ status: 'active', ends_on: null, starts_on: '2026-01-05' });

    const stale = await patch(
      `${base}/projects/${project.id}`,
      { name: 'Lost' },
      { 'if-match': `"${project.id}.1"` },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('CONC001');

    expect((await remove(`${base}/projects/${project.id}`, { 'if-match': `"${project.id}.1"` })).status).toBe(
      412,
    );
    expect((await remove(`${base}/projects/${project.id}`)).status).toBe(204);
    expect((await get(`${base}/projects/${project.id}`)).body.error).toMatchObject({
      code: 'BIZ002',
      message: 'Project not found',
    });
  });

  it('keeps codes unique in the organization (409 BIZ001), on create and on change', async () => {
    await post(`${base}/projects`, { name: 'First', code: 'UNIQ' });
    const other = (await post(`${base}/projects`, { name: 'Second', code: 'UNIQ-2' })).body.data;
    const before = await projectCount();
    const duplicate = await post(`${base}/projects`, { name: 'Again', code: 'UNIQ' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({
      code: 'BIZ001',
      message: 'Project with this code already exists',
    });
    expect(await projectCount()).toBe(before);
    const recoded = await patch(`${base}/projects/${other.id}`, { code: 'UNIQ' });
    expect(recoded.status).toBe(409);
    expect((await get(`${base}/projects/${other.id}`)).body.data).toMatchObject({
      code: 'UNIQ-2',
      version: 1,
    });
    // The same code is free in another organization.
    const elsewhere = await s.createOrganization();
    const theirs = await t.http.post(
      `/api/v1/organizations/${elsewhere.id}/projects`,
      { name: 'Theirs', code: 'UNIQ' },
      { token: elsewhere.adminToken },
    );
    expect(theirs.status).toBe(201);
  });

  it('never ends before it starts (422 VAL003 on ends_on)', async () => {
    const before = await projectCount();
    const backwards = await post(`${base}/projects`, {
      name: 'Backwards',
      code: 'BACK',
      starts_on: '2026-03-01',
      ends_on: '2026-02-01',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error).toMatchObject({
      code: 'VAL003',
      message: "Field 'ends_on' is out of range",
    });
    expect(await projectCount()).toBe(before);
    const project = (
      await post(`${base}/projects`, { name: 'Dated', code: 'DATED', starts_on: '2026-03-01' })
    ).body.data;
    const earlier = await patch(`${base}/projects/${project.id}`, { ends_on: '2026-02-28' });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error.code).toBe('VAL003');
    expect((await get(`${base}/projects/${project.id}`)).body.data).toMatchObject({
      ends_on: null,
      version: 1,
    });
  });

  it('refuses to delete a project that still has tasks (409 BIZ003)', async () => {
    const project = (await post(`${base}/projects`, { name: 'Busy', code: 'BUSY' })).body.data;
    const task = (await post(`${base}/tasks`, { title: 'Work', project_id: project.id })).body.data;
    const refused = await remove(`${base}/projects/${project.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'BIZ003' });
    expect(refused.body.error.message).toContain('task');
    expect((await remove(`${base}/tasks/${task.id}`)).status).toBe(204);
    expect((await remove(`${base}/projects/${project.id}`)).status).toBe(204);
  });

  it.each([
    ['a missing code', { name: 'x' }, 'VAL001', 'code'],
    ['a missing name', { code: 'x' }, 'VAL001', 'name'],
    ['a code with spaces', { name: 'x', code: 'a b' }, 'VAL002', 'code'],
    ['an oversized code', { name: 'x', code: 'c'.repeat(51) }, 'VAL003', 'code'],
    ['an oversized name', { name: 'n'.repeat(201), code: 'x' }, 'VAL003', 'name'],
    [
      'an oversized description',
      { name: 'x', code: 'x', description: 'd'.repeat(5001) },
      'VAL003',
      'description',
    ],
    ['a malformed date', { name: 'x', code: 'x', starts_on: '01/05/2026' }, 'VAL002', 'starts_on'],
    ['an unknown status', { name: 'x', code: 'x', status: 'archived' }, 'VAL002', 'status'],
    ['an id', { name: 'x', code: 'x', id: randomUUID() }, 'VAL002', 'id'],
  ])('refuses %s with 422 and stores nothing', async (_name, body, code, field) => {
    const before = await projectCount();
    const res = await post(`${base}/projects`, body);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code });
    expect(res.body.error.field_errors[0]).toMatchObject({ field });
    expect(await projectCount()).toBe(before);
  });

  it('refuses a department of another organization (422 VAL002 on department_id)', async () => {
    const other = await s.createOrganization();
    const foreign = await s.createDepartment(other.id);
    const res = await post(`${base}/projects`, { name: 'x', code: 'FOREIGN', department_id: foreign });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'VAL002',
      message: "Field 'department_id' has an invalid value",
    });
  });

  describe('list', () => {
    let listOrg: TestOrganization;
    let token: string;
    let department: string;
    const codes = async (query: Record<string, string | number> = {}) => {
      const res = await t.http.get(`/api/v1/organizations/${listOrg.id}/projects`, { token, query });
      expect(res.status).toBe(200);
      return (res.body.data as { code: string }[]).map((p) => p.code);
    };

    beforeAll(async () => {
      listOrg = await s.createOrganization();
      token = (await s.addMember(listOrg.id, { roles: ['admin'] })).token;
      department = await s.createDepartment(listOrg.id);
      for (const body of [
        { name: 'Warehouse move', code: 'MOVE', status: 'completed', starts_on: '2025-10-01' },
        { name: 'annual audit', code: 'AUDIT_26', status: 'planned', department_id: department },
        {
          name: 'Line 3 retrofit',
          code: 'RETRO',
          status: 'active',
          starts_on: '2026-01-05',
          department_id: department,
        },
      ])
        expect(
          (await t.http.post(`/api/v1/organizations/${listOrg.id}/projects`, body, { token })).status,
        ).toBe(201);
    });

    it('lists by name by default, with pagination', async () => {
      expect(await codes()).toEqual(['AUDIT_26', 'RETRO', 'MOVE']);
      const page = await t.http.get(`/api/v1/organizations/${listOrg.id}/projects`, {
        token,
        query: { size: 1, page: 2 },
      });
      expect(page.body.meta.pagination).toEqual({ page: 2, size: 1, total: 3, pages: 3 });
      expect(page.body.data.map((p: { code: string }) => p.code)).toEqual(['RETRO']);
    });

    it('filters by status and department, searches name and code', async () => {
      expect(await codes({ status: 'active' })).toEqual(['RETRO']);
      expect(await codes({ department_id: department })).toEqual(['AUDIT_26', 'RETRO']);
      expect(await codes({ q: 'retro' })).toEqual(['RETRO']);
      expect(await codes({ q: 'audit_' })).toEqual(['AUDIT_26']);
    });

    it('sorts by allow-listed fields only', async () => {
      expect(await codes({ sort: 'status' })).toEqual(['AUDIT_26', 'RETRO', 'MOVE']);
      expect(await codes({ sort: '-code' })).toEqual(['RETRO', 'MOVE', 'AUDIT_26']);
      const refused = await t.http.get(`/api/v1/organizations/${listOrg.id}/projects`, {
        token,
        query: { sort: 'description' },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'VAL002', field_errors: [{ field: 'sort' }] });
    });
  });
});
