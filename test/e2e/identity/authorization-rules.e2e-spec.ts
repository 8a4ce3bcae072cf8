import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

/** Attribute rules on identity records: department-narrowed grants, and no conferring of unheld permissions. */
describe('identity authorization rules', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    base = `/api/v1/organizations/${org.id}`;
  });
  afterAll(() => t.close());

  const tag = () => randomUUID().slice(0, 8);

  describe('department-narrowed grants (ABAC)', () => {
    let engineering: string;
    let qa: string;
    let sales: string;
    let inQa: TestMember;
    let inSales: TestMember;
    let reader: TestMember;
    let manager: TestMember;

    beforeAll(async () => {
      engineering = await s.createDepartment(org.id);
      qa = await s.createDepartment(org.id, engineering);
      sales = await s.createDepartment(org.id);
      inQa = await s.addMember(org.id, { departmentId: qa });
      inSales = await s.addMember(org.id, { departmentId: sales });
      reader = await s.addMember(org.id, {
        roles: ['member'],
        grantDepartmentId: engineering,
        departmentId: engineering,
      });
      const admin = await s.admin();
      const role = await t.http.post(
        `${base}/roles`,
        {
          code: `dept-mgr-${tag()}`,
          name: 'Department manager',
          permissions: ['user:read', 'user:update', 'department:read'],
        },
        { token: admin },
      );
      manager = await s.addMember(org.id, { roles: [role.body.data.code], grantDepartmentId: engineering });
    });

    it('lists only departments and members of the granted subtree', async () => {
      const departments = await t.http.get(`${base}/departments`, {
        token: reader.token,
        query: { size: 100 },
      });
      expect(departments.status).toBe(200);
      expect(departments.body.data.map((d: { id: string }) => d.id).sort()).toEqual([engineering, qa].sort());
      const users = await t.http.get(`${base}/users`, { token: reader.token, query: { size: 100 } });
      expect(users.body.data.map((u: { id: string }) => u.id).sort()).toEqual(
        [inQa.userId, reader.userId].sort(),
      );
      expect(users.body.meta.pagination.total).toBe(2);
    });

    it('answers 404 for single records outside the subtree, with the body of a missing record', async () => {
      const outside = await t.http.get(`${base}/departments/${sales}`, { token: reader.token });
      const missing = await t.http.get(`${base}/departments/${randomUUID()}`, { token: reader.token });
      expect(outside.status).toBe(404);
      expect(outside.body.error).toEqual({ ...missing.body.error, trace_id: outside.body.meta.request_id });
      expect((await t.http.get(`${base}/departments/${qa}`, { token: reader.token })).status).toBe(200);
      expect((await t.http.get(`${base}/users/${inSales.userId}`, { token: reader.token })).status).toBe(404);
      expect((await t.http.get(`${base}/users/${inQa.userId}`, { token: reader.token })).status).toBe(200);
    });

    it('ignores narrowing for organization-wide subjects (roles)', async () => {
      const res = await t.http.get(`${base}/roles`, { token: reader.token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH004');
    });

    it('lets a narrowed manager change members of the subtree only, and not move them out of it', async () => {
      const ok = await t.http.patch(
        `${base}/users/${inQa.userId}`,
        { full_name: 'Quinn QA' },
        { token: manager.token },
      );
      expect(ok.status).toBe(200);
      expect(ok.body.data.full_name).toBe('Quinn QA');
      const outside = await t.http.patch(
        `${base}/users/${inSales.userId}`,
        { full_name: 'Nope' },
        { token: manager.token },
      );
      expect(outside.status).toBe(404);
      const moveOut = await t.http.patch(
        `${base}/users/${inQa.userId}`,
        { department_id: sales },
        { token: manager.token },
      );
      expect(moveOut.status).toBe(403);
      expect(moveOut.body.error).toMatchObject({
        code: 'AUTH004',
        message: 'You do not have permission to update User',
      });
      const [row] = await t.ownerQuery<{ department_id: string; full_name: string }>(
        'select m.department_id, u.full_name from memberships m join users u on u.id = m.user_id where m.organization_id = $1 and m.user_id = ANY($2::uuid[]) order by u.full_name',
        [org.id, [inSales.userId]],
      );
      expect(row).toEqual({ department_id: sales, full_name: 'Test User' });
    });
  });

  describe('privilege escalation', () => {
    let delegate: TestMember;
    let limitedRole: string;

    beforeAll(async () => {
      const admin = await s.admin();
      const code = `delegate-${tag()}`;
      await t.http.post(
        `${base}/roles`,
        {
          code,
          name: 'Delegate',
          permissions: ['role:assign', 'role:read', 'role:update', 'task:read', 'user:read'],
        },
        { token: admin },
      );
      delegate = await s.addMember(org.id, { roles: [code] });
      limitedRole = (
        await t.http.post(
          `${base}/roles`,
          { code: `limited-${tag()}`, name: 'Limited', permissions: ['task:read'] },
          { token: admin },
        )
      ).body.data.id;
    });

    it('refuses to grant a role whose effective permissions the caller lacks (403 AUTH004)', async () => {
      const target = await s.addMember(org.id);
      for (const code of ['admin', 'member']) {
        const res = await t.http.post(
          `${base}/users/${target.userId}/roles`,
          { role_id: await s.roleId(org.id, code) },
          { token: delegate.token },
        );
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({
          code: 'AUTH004',
          message: 'You do not have permission to assign Role',
        });
        expect(res.body.error.details.missing_permissions).toEqual(
          expect.arrayContaining(['organization:read']),
        );
      }
      // Not even to oneself.
      const self = await t.http.post(
        `${base}/users/${delegate.userId}/roles`,
        { role_id: await s.roleId(org.id, 'admin') },
        { token: delegate.token },
      );
      expect(self.status).toBe(403);
      const [{ n }] = await t.ownerQuery<{ n: number }>(
        'select count(*)::int as n from role_grants where user_id = any($1::uuid[])',
        [[target.userId, delegate.userId]],
      );
      expect(n).toBe(1);
    });

    it('allows granting a role made only of permissions the caller holds', async () => {
      const target = await s.addMember(org.id);
      const res = await t.http.post(
        `${base}/users/${target.userId}/roles`,
        { role_id: limitedRole },
        { token: delegate.token },
      );
      expect(res.status).toBe(201);
    });

    it('refuses to revoke a role the caller could not grant', async () => {
      const adminMember = await s.addMember(org.id, { roles: ['admin'] });
      const res = await t.http.delete(
        `${base}/users/${adminMember.userId}/roles/${await s.roleId(org.id, 'admin')}`,
        { token: delegate.token },
      );
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH004');
    });

    it('refuses to widen a role with permissions the caller lacks', async () => {
      const res = await t.http.patch(
        `${base}/roles/${limitedRole}`,
        { permissions: ['task:read', 'task:delete'] },
        { token: delegate.token },
      );
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        code: 'AUTH004',
        details: { missing_permissions: ['task:delete'] },
      });
      const narrowed = await t.http.patch(
        `${base}/roles/${limitedRole}`,
        { permissions: ['task:read', 'user:read'] },
        { token: delegate.token },
      );
      expect(narrowed.status).toBe(200);
    });
  });
});
