import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestOrganization } from '@erp/test-support';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('identity resources: departments and users', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let token: string;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    token = org.adminToken;
    base = `/api/v1/organizations/${org.id}`;
  });
  afterAll(() => t.close());

  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> => {
    const [{ n }] = await t.ownerQuery<{ n: number }>(
      `select count(*)::int as n from ${table} where organization_id = $1 and (${where})`,
      [org.id, ...params],
    );
    return n;
  };
  const get = (url: string, query?: Record<string, string | number>) => t.http.get(url, { token, query });
  const post = (url: string, body: unknown) => t.http.post(url, body, { token });
  const patch = (url: string, body: unknown, headers?: Record<string, string>) =>
    t.http.patch(url, body, { token, headers });
  const del = (url: string) => t.http.delete(url, { token });
  const unique = () => randomUUID().slice(0, 8);

  describe('departments', () => {
    it('creates, reads, lists, renames, moves and deletes departments', async () => {
      const created = await post(`${base}/departments`, { name: 'Engineering', code: 'ENG' });
      expect(created.status).toBe(201);
      const eng = created.body.data;
      expect(eng).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Engineering',
        code: 'ENG',
        parent_id: null,
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      expect(created.headers.location).toBe(`${base}/departments/${eng.id}`);

      const child = await post(`${base}/departments`, {
        name: ' Quality ',
        code: 'QA',
        parent_id: eng.id.toUpperCase(),
      });
      expect(child.status).toBe(201);
      expect(child.body.data).toMatchObject({ name: 'Quality', code: 'QA', parent_id: eng.id });
      const qa = child.body.data;

      const one = await get(`${base}/departments/${eng.id}`);
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual(eng);
      expect(one.headers.etag).toBe(`"${eng.id}.1"`);

      const list = await get(`${base}/departments`, { q: 'a', sort: '-code' });
      expect(list.status).toBe(200);
      expect(list.body.data.map((d: { code: string }) => d.code)).toEqual(['QA']);
      expect(list.body.meta.pagination).toEqual({ page: 1, size: 20, total: 1, pages: 1 });
      const children = await get(`${base}/departments`, { parent_id: eng.id });
      expect(children.body.data).toEqual([qa]);

      const renamed = await patch(
        `${base}/departments/${eng.id}`,
        { name: 'R&D', code: 'RND' },
        { 'if-match': one.headers.etag as string },
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toMatchObject({ id: eng.id, name: 'R&D', code: 'RND', parent_id: null });
      expect(renamed.headers.etag).toBe(`"${eng.id}.2"`);
      expect((await get(`${base}/departments/${eng.id}`)).headers.etag).toBe(renamed.headers.etag);

      const stale = await patch(
        `${base}/departments/${eng.id}`,
        { name: 'Stale' },
        { 'if-match': one.headers.etag as string },
      );
      expect(stale.status).toBe(412);
      expect(stale.body.error.code).toBe('CONC001');

      const cycle = await patch(`${base}/departments/${eng.id}`, { parent_id: qa.id });
      expect(cycle.status).toBe(409);
      expect(cycle.body.error).toMatchObject({ code: 'BIZ003', details: { resource: 'Department' } });
      const self = await patch(`${base}/departments/${eng.id}`, { parent_id: eng.id });
      expect(self.status).toBe(409);
      const unknownParent = await patch(`${base}/departments/${eng.id}`, { parent_id: randomUUID() });
      expect(unknownParent.status).toBe(422);
      expect(unknownParent.body.error).toMatchObject({
        code: 'VAL002',
        message: "Field 'parent_id' has an invalid value",
      });

      const other = (await post(`${base}/departments`, { name: 'Sales', code: 'SALES' })).body.data;
      const moved = await patch(`${base}/departments/${qa.id}`, { parent_id: other.id });
      expect(moved.body.data.parent_id).toBe(other.id);
      const top = await patch(`${base}/departments/${qa.id}`, { parent_id: null });
      expect(top.status).toBe(200);
      expect(top.body.data.parent_id).toBeNull();
      await patch(`${base}/departments/${qa.id}`, { parent_id: eng.id });

      const blocked = await del(`${base}/departments/${eng.id}`);
      expect(blocked.status).toBe(409);
      expect(blocked.body.error).toMatchObject({
        code: 'BIZ003',
        message: 'This operation is not allowed: it has sub-departments',
      });
      expect(await count('departments', 'id = $2', [eng.id])).toBe(1);

      expect((await del(`${base}/departments/${qa.id}`)).status).toBe(204);
      const gone = await del(`${base}/departments/${eng.id}`);
      expect(gone.status).toBe(204);
      expect(gone.text).toBe('');
      expect((await get(`${base}/departments/${eng.id}`)).status).toBe(404);
      expect((await del(`${base}/departments/${eng.id}`)).status).toBe(404);
    });

    it('refuses a duplicate code with 409 BIZ001', async () => {
      const code = `dup-${unique()}`;
      expect((await post(`${base}/departments`, { name: 'One', code })).status).toBe(201);
      const again = await post(`${base}/departments`, { name: 'Two', code });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'BIZ001',
        message: 'Department with this code already exists',
      });
      expect(await count('departments', 'code = $2', [code])).toBe(1);
    });

    it('refuses to delete a department that members, grants, projects or tasks still use', async () => {
      const uses: [string, (departmentId: string) => Promise<void>][] = [
        ['member', async (id) => void (await s.addMember(org.id, { departmentId: id }))],
        [
          'grant',
          async (id) => void (await s.addMember(org.id, { roles: ['member'], grantDepartmentId: id })),
        ],
        [
          'project',
          async (id) =>
            void (await t.ownerQuery(
              `insert into projects (id, organization_id, code, name, department_id) values ($1, $2, $3, 'P', $4)`,
              [randomUUID(), org.id, `p-${unique()}`, id],
            )),
        ],
        [
          'task',
          async (id) =>
            void (await t.ownerQuery(
              `insert into tasks (id, organization_id, title, department_id) values ($1, $2, 'T', $3)`,
              [randomUUID(), org.id, id],
            )),
        ],
      ];
      for (const [what, use] of uses) {
        const id = await s.createDepartment(org.id);
        await use(id);
        const res = await del(`${base}/departments/${id}`);
        expect({ what, status: res.status, code: res.body.error?.code }).toEqual({
          what,
          status: 409,
          code: 'BIZ003',
        });
        expect(res.body.error.message).toBe(
          'This operation is not allowed: it is still used by members, role grants, projects or tasks',
        );
        expect(await count('departments', 'id = $2', [id])).toBe(1);
      }
    });
  });

  describe('users (members)', () => {
    it('adds a new member, creating the account with a hashed password', async () => {
      const department = await s.createDepartment(org.id);
      const email = `new-${unique()}@test.local`;
      const res = await post(`${base}/users`, {
        email: email.toUpperCase(),
        full_name: 'Nina New',
        password: 'a-long-password-1',
        department_id: department,
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toEqual({
        id: expect.stringMatching(UUID),
        email,
        full_name: 'Nina New',
        department_id: department,
        joined_at: expect.stringMatching(ISO),
        is_active: true,
      });
      expect(res.headers.location).toBe(`${base}/users/${res.body.data.id}`);
      const [row] = await t.ownerQuery<{ password_hash: string }>(
        'select password_hash from users where id = $1',
        [res.body.data.id],
      );
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      await expect(s.login(email, 'a-long-password-1')).resolves.toEqual(expect.any(String));

      const one = await get(`${base}/users/${res.body.data.id}`);
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual(res.body.data);
      expect(one.headers.etag).toMatch(new RegExp(`^"${res.body.data.id}\\.\\d+"$`));
    });

    it('reuses an existing account unchanged, with the same answer shape, and refuses an active member with 409', async () => {
      const other = await s.createOrganization();
      const existing = await s.addMember(other.id);
      const [before] = await t.ownerQuery('select * from users where id = $1', [existing.userId]);
      const res = await post(`${base}/users`, {
        email: existing.email,
        full_name: 'Somebody Else',
        password: 'another-password-2',
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body.data).sort()).toEqual([
        'department_id',
        'email',
        'full_name',
        'id',
        'is_active',
        'joined_at',
      ]);
      expect(res.body.data).toMatchObject({
        id: existing.userId,
        email: existing.email,
        full_name: 'Test User',
        department_id: null,
        is_active: true,
      });
      const [after] = await t.ownerQuery('select * from users where id = $1', [existing.userId]);
      expect(after).toEqual(before);
      await expect(s.login(existing.email, existing.password)).resolves.toEqual(expect.any(String));

      const again = await post(`${base}/users`, { email: existing.email, full_name: 'Again' });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'BIZ001',
        message: 'User with this email already exists',
      });
      expect(await count('memberships', 'user_id = $2', [existing.userId])).toBe(1);
    });

    it('lists active members with filters and sorting, and changes name and department (If-Match)', async () => {
      const sales = await s.createDepartment(org.id);
      const tag = unique();
      const a = (
        await post(`${base}/users`, {
          email: `a-${tag}@test.local`,
          full_name: `Alpha ${tag}`,
          department_id: sales,
        })
      ).body.data;
      const b = (await post(`${base}/users`, { email: `b-${tag}@test.local`, full_name: `Bravo ${tag}` }))
        .body.data;

      const byName = await get(`${base}/users`, { q: tag, sort: '-full_name' });
      expect(byName.status).toBe(200);
      expect(byName.body.data.map((u: { id: string }) => u.id)).toEqual([b.id, a.id]);
      const inSales = await get(`${base}/users`, { department_id: sales });
      expect(inSales.body.data).toEqual([a]);
      const byEmail = await get(`${base}/users`, { q: `B-${tag}@` });
      expect(byEmail.body.data).toEqual([b]);

      const current = await get(`${base}/users/${b.id}`);
      const changed = await patch(
        `${base}/users/${b.id}`,
        { full_name: 'Bravo Renamed', department_id: sales },
        { 'if-match': current.headers.etag as string },
      );
      expect(changed.status).toBe(200);
      expect(changed.body.data).toEqual({ ...b, full_name: 'Bravo Renamed', department_id: sales });
      expect(changed.headers.etag).not.toBe(current.headers.etag);
      const stale = await patch(
        `${base}/users/${b.id}`,
        { full_name: 'Late' },
        { 'if-match': current.headers.etag as string },
      );
      expect(stale.status).toBe(412);
      expect(stale.body.error.code).toBe('CONC001');
      const out = await patch(`${base}/users/${b.id}`, { department_id: null });
      expect(out.body.data.department_id).toBeNull();
      const unknown = await patch(`${base}/users/${b.id}`, { department_id: randomUUID() });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error).toMatchObject({
        code: 'VAL002',
        message: "Field 'department_id' has an invalid value",
      });
    });

    it('ends a membership and its grants, hides the former member, and re-admits them later', async () => {
      const member = await s.addMember(org.id, { roles: ['member'] });
      expect(await count('role_grants', 'user_id = $2', [member.userId])).toBe(1);
      const res = await del(`${base}/users/${member.userId}`);
      expect(res.status).toBe(204);
      expect(await count('role_grants', 'user_id = $2', [member.userId])).toBe(0);
      const [membership] = await t.ownerQuery<{ id: string; is_active: boolean }>(
        'select id, is_active from memberships where organization_id = $1 and user_id = $2',
        [org.id, member.userId],
      );
      expect(membership.is_active).toBe(false);
      expect((await get(`${base}/users/${member.userId}`)).status).toBe(404);
      expect((await get(`${base}/users`, { q: member.email })).body.data).toEqual([]);
      expect((await del(`${base}/users/${member.userId}`)).status).toBe(404);
      // The former member's token no longer opens the organization.
      expect((await t.http.get(base, { token: member.token })).status).toBe(404);

      const back = await post(`${base}/users`, { email: member.email, full_name: 'ignored' });
      expect(back.status).toBe(201);
      expect(back.body.data).toMatchObject({ id: member.userId, is_active: true });
      const [rejoined] = await t.ownerQuery<{ id: string; is_active: boolean }>(
        'select id, is_active from memberships where organization_id = $1 and user_id = $2',
        [org.id, member.userId],
      );
      expect(rejoined).toEqual({ id: membership.id, is_active: true });
    });
  });
});
