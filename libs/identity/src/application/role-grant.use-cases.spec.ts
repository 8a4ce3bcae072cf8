import type { JobQueue } from '@erp/platform';
import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { Department } from '../domain/department';
import { Membership } from '../domain/membership';
import { Role } from '../domain/role';
import { GrantRoleUseCase } from './grant-role.use-case';
import {
  actorWith,
  FakeDepartments,
  FakeGrants,
  FakeMemberships,
  FakeRoles,
  ORG,
  orgWide,
} from './in-memory.fakes';
import { RevokeRoleUseCase } from './revoke-role.use-case';

describe('granting and revoking roles', () => {
  let memberships: FakeMemberships;
  let roles: FakeRoles;
  let departments: FakeDepartments;
  let grants: FakeGrants;
  let viewer: Role;
  let editor: Role;
  let sales: Department;
  let enqueued: [string, object][];
  const jobs = {
    enqueue: (name: string, data: object) => Promise.resolve(String(enqueued.push([name, data]))),
  } as unknown as JobQueue;
  const admin = actorWith([orgWide('role:assign', 'task:read', 'task:update')]);
  const grant = (userId: string, input: { roleId: string; departmentId?: string | null }, actor = admin) =>
    new GrantRoleUseCase(memberships, roles, departments, grants, new RecordingAuditContext(), jobs).execute(
      userId,
      input,
      actor,
    );
  const revoke = (userId: string, roleId: string, actor = admin) =>
    new RevokeRoleUseCase(memberships, roles, grants, new RecordingAuditContext()).execute(
      userId,
      roleId,
      actor,
    );

  beforeEach(async () => {
    enqueued = [];
    memberships = new FakeMemberships();
    roles = new FakeRoles();
    grants = new FakeGrants();
    departments = new FakeDepartments(memberships, grants);
    viewer = Role.create(ORG, { code: 'viewer', name: 'Viewer', permissions: ['task:read'] });
    editor = Role.create(ORG, {
      code: 'editor',
      name: 'Editor',
      parentId: viewer.id,
      permissions: ['task:update'],
    });
    sales = Department.create(ORG, { name: 'Sales', code: 'sales' });
    await Promise.all([roles.save(viewer), roles.save(editor), departments.save(sales)]);
    await memberships.save(Membership.create(ORG, 'u1', null, new Date()));
  });

  it('grants a role organization-wide and narrowed to a department, once each', async () => {
    const whole = await grant('u1', { roleId: editor.id });
    expect(whole).toMatchObject({
      organizationId: ORG,
      userId: 'u1',
      roleId: editor.id,
      departmentId: null,
      grantedBy: 'caller',
    });
    await grant('u1', { roleId: editor.id, departmentId: sales.id });
    await expect(grant('u1', { roleId: editor.id })).rejects.toMatchObject({ code: 'BIZ001' });
    expect(grants.rows.size).toBe(2);
  });

  it('enqueues a security scan of the organization when the role granted is admin-level, only then', async () => {
    await grant('u1', { roleId: editor.id });
    expect(enqueued).toEqual([]);
    const chief = Role.create(ORG, {
      code: 'chief',
      name: 'Chief',
      permissions: ['task:read'],
      level: 'admin',
    });
    await roles.save(chief);
    await grant('u1', { roleId: chief.id }, actorWith([], { platformAdmin: true, userId: 'root' }));
    expect(enqueued).toEqual([['security.scan', { organizationId: ORG }]]);
  });

  it('refuses non-members (404), unknown roles and departments (VAL002)', async () => {
    await expect(grant('stranger', { roleId: viewer.id })).rejects.toMatchObject({ code: 'BIZ002' });
    const former = Membership.create(ORG, 'u2', null, new Date());
    former.end();
    await memberships.save(former);
    await expect(grant('u2', { roleId: viewer.id })).rejects.toMatchObject({ code: 'BIZ002' });
    await expect(grant('u1', { roleId: 'nope' })).rejects.toMatchObject({ code: 'VAL002', field: 'role_id' });
    await expect(grant('u1', { roleId: viewer.id, departmentId: 'nope' })).rejects.toMatchObject({
      code: 'VAL002',
      field: 'department_id',
    });
    expect(grants.rows.size).toBe(0);
  });

  describe('privilege escalation guard', () => {
    it('refuses a role whose effective permissions (inherited included) the caller lacks', async () => {
      const assigner = actorWith([orgWide('role:assign', 'task:update')]);
      await expect(grant('u1', { roleId: editor.id }, assigner)).rejects.toMatchObject({
        code: 'AUTH004',
        details: { missing_permissions: ['task:read'] },
      });
      expect(grants.rows.size).toBe(0);
    });

    it('does not count permissions the caller holds only in some departments', async () => {
      const narrowed = actorWith([
        orgWide('role:assign'),
        { permissions: ['task:read', 'task:update'], departmentIds: [sales.id] },
      ]);
      await expect(
        grant('u1', { roleId: viewer.id, departmentId: sales.id }, narrowed),
      ).rejects.toMatchObject({ code: 'AUTH004' });
    });

    it('lets a caller grant what it holds, and a platform administrator grant anything', async () => {
      await expect(grant('u1', { roleId: editor.id })).resolves.toBeDefined();
      const platformAdmin = actorWith([], { platformAdmin: true, userId: 'root' });
      const strong = Role.create(ORG, {
        code: 'strong',
        name: 'Strong',
        permissions: ['role:delete', 'user:delete'],
      });
      await roles.save(strong);
      await expect(grant('u1', { roleId: strong.id }, platformAdmin)).resolves.toMatchObject({
        grantedBy: 'root',
      });
      await expect(grant('u1', { roleId: strong.id, departmentId: sales.id })).rejects.toMatchObject({
        code: 'AUTH004',
      });
    });

    it('applies to revoking too', async () => {
      await grant('u1', { roleId: editor.id });
      await expect(
        revoke('u1', editor.id, actorWith([orgWide('role:assign', 'task:read')])),
      ).rejects.toMatchObject({ code: 'AUTH004' });
      expect(grants.rows.size).toBe(1);
    });
  });

  it('revokes every grant of the role, whatever the department, and 404s when there is none', async () => {
    await grant('u1', { roleId: editor.id });
    await grant('u1', { roleId: editor.id, departmentId: sales.id });
    await grant('u1', { roleId: viewer.id });
    await revoke('u1', editor.id);
    expect([...grants.rows.values()].map((g) => g.roleId)).toEqual([viewer.id]);
    await expect(revoke('u1', editor.id)).rejects.toMatchObject({ code: 'BIZ002' });
    await expect(revoke('stranger', viewer.id)).rejects.toMatchObject({ code: 'BIZ002' });
  });
});
