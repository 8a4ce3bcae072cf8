import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestOrganization } from '@erp/test-support';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('identity resources: roles and role grants', () => {
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

  describe('roles', () => {
    it('creates a role that inherits, reads, lists and changes it', async () => {
      const memberRole = await s.roleId(org.id, 'member');
      const res = await post(`${base}/roles`, {
        code: 'lead',
        name: 'Team lead',
        description: 'Runs a team',
        parent_id: memberRole,
        permissions: ['task:delete', 'project:update', 'task:delete'],
      });
      expect(res.status).toBe(201);
      const lead = res.body.data;
      expect(lead).toEqual({
        id: expect.stringMatching(UUID),
        code: 'lead',
        name: 'Team lead',
        description: 'Runs a team',
        parent_id: memberRole,
        permissions: ['project:update', 'task:delete'],
        effective_permissions: [
          'department:read',
          'organization:read',
          'project:read',
          'project:update',
          'role:read',
          'task:create',
          'task:delete',
          'task:read',
          'task:update',
          'user:read',
        ],
        is_builtin: false,
        level: 'member',
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      expect(res.headers.location).toBe(`${base}/roles/${lead.id}`);

      const one = await get(`${base}/roles/${lead.id}`);
      expect(one.body.data).toEqual(lead);
      expect(one.headers.etag).toBe(`"${lead.id}.1"`);

      const list = await get(`${base}/roles`, { sort: 'code' });
      expect(list.body.data.map((r: { code: string }) => r.code)).toEqual(['admin', 'lead', 'member']);
      const admin = list.body.data[0];
      expect(admin).toMatchObject({ is_builtin: true, parent_id: null });
      expect(admin.effective_permissions).toEqual(admin.permissions);
      expect((await get(`${base}/roles`, { q: 'LEA' })).body.data).toEqual([lead]);

      const changed = await patch(
        `${base}/roles/${lead.id}`,
        { name: 'Lead', description: null, parent_id: null, permissions: ['task:read'] },
        { 'if-match': one.headers.etag as string },
      );
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({
        name: 'Lead',
        description: null,
        parent_id: null,
        permissions: ['task:read'],
        effective_permissions: ['task:read'],
      });
      expect(changed.headers.etag).toBe(`"${lead.id}.2"`);
      const stale = await patch(
        `${base}/roles/${lead.id}`,
        { name: 'x' },
        { 'if-match': one.headers.etag as string },
      );
      expect(stale.status).toBe(412);
      const recoded = await patch(`${base}/roles/${lead.id}`, { code: 'team-lead' });
      expect(recoded.body.data.code).toBe('team-lead');
    });

    it('refuses unknown permissions, duplicate codes, cycles and foreign parents', async () => {
      const before = await count('roles');
      const unknown = await post(`${base}/roles`, {
        code: `r-${unique()}`,
        name: 'R',
        permissions: ['task:read', 'task:fly'],
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error).toMatchObject({
        code: 'VAL002',
        field_errors: [{ field: 'permissions', invalid_value: ['task:read', 'task:fly'] }],
      });
      const duplicate = await post(`${base}/roles`, {
        code: 'member',
        name: 'Another member',
        permissions: [],
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({
        code: 'BIZ001',
        message: 'Role with this code already exists',
      });
      const foreignParent = await post(`${base}/roles`, {
        code: `r-${unique()}`,
        name: 'R',
        permissions: [],
        parent_id: randomUUID(),
      });
      expect(foreignParent.status).toBe(422);
      expect(foreignParent.body.error).toMatchObject({
        code: 'VAL002',
        message: "Field 'parent_id' has an invalid value",
      });
      expect(await count('roles')).toBe(before);

      const a = (
        await post(`${base}/roles`, { code: `a-${unique()}`, name: 'A', permissions: ['task:read'] })
      ).body.data;
      const b = (
        await post(`${base}/roles`, { code: `b-${unique()}`, name: 'B', permissions: [], parent_id: a.id })
      ).body.data;
      const c = (
        await post(`${base}/roles`, { code: `c-${unique()}`, name: 'C', permissions: [], parent_id: b.id })
      ).body.data;
      expect(c.effective_permissions).toEqual(['task:read']);
      const cycle = await patch(`${base}/roles/${a.id}`, { parent_id: c.id });
      expect(cycle.status).toBe(409);
      expect(cycle.body.error).toMatchObject({
        code: 'BIZ003',
        message: 'This operation is not allowed: the parent would make the role inherit from itself',
      });
      const [row] = await t.ownerQuery<{ parent_id: string | null }>(
        'select parent_id from roles where id = $1',
        [a.id],
      );
      expect(row.parent_id).toBeNull();
      const badPermissions = await patch(`${base}/roles/${a.id}`, { permissions: ['nope'] });
      expect(badPermissions.status).toBe(422);
      const taken = await patch(`${base}/roles/${a.id}`, { code: b.code });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('BIZ001');
    });

    it('serializes concurrent changes: with the same If-Match, one wins and the others get 412', async () => {
      // Every writer changes the name: a PATCH that changes nothing keeps the version (and the ETag),
      // so a second writer holding that ETag would rightly succeed too.
      const role = (await post(`${base}/roles`, { code: `c-${unique()}`, name: 'Original', permissions: [] }))
        .body.data;
      const etag = (await get(`${base}/roles/${role.id}`)).headers.etag as string;
      const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
      const answers = await Promise.all(
        names.map((name) => patch(`${base}/roles/${role.id}`, { name }, { 'if-match': etag })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, ...names.slice(1).map(() => 412)]);
      const [row] = await t.ownerQuery<{ version: number }>('select version from roles where id = $1', [
        role.id,
      ]);
      expect(row.version).toBe(2);
    });

    it('protects built-in roles: code, admin permissions, deletion', async () => {
      const adminRole = await s.roleId(org.id, 'admin');
      const memberRole = await s.roleId(org.id, 'member');
      const recode = await patch(`${base}/roles/${memberRole}`, { code: 'members' });
      expect(recode.status).toBe(409);
      expect(recode.body.error).toMatchObject({
        code: 'BIZ003',
        message: 'This operation is not allowed: the code of a built-in role cannot change',
      });
      const shrink = await patch(`${base}/roles/${adminRole}`, { permissions: ['task:read'] });
      expect(shrink.status).toBe(409);
      expect(shrink.body.error.message).toBe(
        'This operation is not allowed: the built-in admin role cannot lose permissions',
      );
      const rename = await patch(`${base}/roles/${memberRole}`, { code: 'member', name: 'Staff' });
      expect(rename.status).toBe(200);
      expect(rename.body.data).toMatchObject({ code: 'member', name: 'Staff', is_builtin: true });
      const remove = await del(`${base}/roles/${memberRole}`);
      expect(remove.status).toBe(409);
      expect(remove.body.error.message).toBe(
        'This operation is not allowed: built-in roles cannot be deleted',
      );
    });

    it('deletes a custom role only when nothing inherits from it and nobody holds it', async () => {
      const parent = (
        await post(`${base}/roles`, { code: `p-${unique()}`, name: 'P', permissions: ['task:read'] })
      ).body.data;
      const child = (
        await post(`${base}/roles`, {
          code: `k-${unique()}`,
          name: 'K',
          permissions: [],
          parent_id: parent.id,
        })
      ).body.data;
      const inherited = await del(`${base}/roles/${parent.id}`);
      expect(inherited.status).toBe(409);
      expect(inherited.body.error.message).toBe('This operation is not allowed: other roles inherit from it');
      const holder = await s.addMember(org.id, { roles: [child.code] });
      const granted = await del(`${base}/roles/${child.id}`);
      expect(granted.status).toBe(409);
      expect(granted.body.error.message).toBe(
        'This operation is not allowed: it is still granted to members',
      );
      expect((await del(`${base}/users/${holder.userId}/roles/${child.id}`)).status).toBe(204);
      expect((await del(`${base}/roles/${child.id}`)).status).toBe(204);
      expect((await del(`${base}/roles/${parent.id}`)).status).toBe(204);
      expect(await count('roles', 'id = any($2::uuid[])', [[parent.id, child.id]])).toBe(0);
      expect((await get(`${base}/roles/${parent.id}`)).status).toBe(404);
    });
  });

  describe('role grants', () => {
    it('grants, lists and revokes roles of a member', async () => {
      const member = await s.addMember(org.id);
      const memberRole = await s.roleId(org.id, 'member');
      const department = await s.createDepartment(org.id);
      const url = `${base}/users/${member.userId}/roles`;
      expect((await get(url)).body.data).toEqual([]);

      const whole = await post(url, { role_id: memberRole });
      expect(whole.status).toBe(201);
      expect(whole.body.data).toEqual({
        id: expect.stringMatching(UUID),
        role_id: memberRole,
        role_code: 'member',
        department_id: null,
        created_at: expect.stringMatching(ISO),
      });
      expect(whole.headers.location).toBe(`${url}/${memberRole}`);
      const narrowed = await post(url, { role_id: memberRole, department_id: department });
      expect(narrowed.status).toBe(201);
      expect(narrowed.body.data).toMatchObject({ role_id: memberRole, department_id: department });
      const duplicate = await post(url, { role_id: memberRole });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({
        code: 'BIZ001',
        message: 'RoleGrant with this role_id already exists',
      });
      const [granted] = await t.ownerQuery<{ granted_by: string }>(
        'select granted_by from role_grants where id = $1',
        [whole.body.data.id],
      );
      expect(granted.granted_by).toEqual(expect.stringMatching(UUID));

      const list = await get(url, { sort: 'created_at' });
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([whole.body.data, narrowed.body.data]);
      expect(list.body.meta.pagination.total).toBe(2);
      // The new grant is effective at once.
      expect((await t.http.get(`${base}/departments`, { token: member.token })).status).toBe(200);

      const revoked = await del(`${url}/${memberRole}`);
      expect(revoked.status).toBe(204);
      expect(await count('role_grants', 'user_id = $2', [member.userId])).toBe(0);
      expect((await del(`${url}/${memberRole}`)).status).toBe(404);
      expect((await t.http.get(`${base}/departments`, { token: member.token })).status).toBe(403);
    });

    it('refuses grants to non-members and of unknown roles or departments', async () => {
      const memberRole = await s.roleId(org.id, 'member');
      const outsider = await s.addMember((await s.createOrganization()).id);
      const notMember = await post(`${base}/users/${outsider.userId}/roles`, { role_id: memberRole });
      expect(notMember.status).toBe(404);
      expect(notMember.body.error).toMatchObject({ code: 'BIZ002', message: 'User not found' });
      expect((await get(`${base}/users/${outsider.userId}/roles`)).status).toBe(404);

      const member = await s.addMember(org.id);
      const url = `${base}/users/${member.userId}/roles`;
      const unknownRole = await post(url, { role_id: randomUUID() });
      expect(unknownRole.status).toBe(422);
      expect(unknownRole.body.error).toMatchObject({
        code: 'VAL002',
        message: "Field 'role_id' has an invalid value",
      });
      const unknownDepartment = await post(url, { role_id: memberRole, department_id: randomUUID() });
      expect(unknownDepartment.status).toBe(422);
      expect(unknownDepartment.body.error.message).toBe("Field 'department_id' has an invalid value");
      expect(await count('role_grants', 'user_id = $2', [member.userId])).toBe(0);
    });
  });
});
