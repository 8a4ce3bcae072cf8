import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { Role } from '../domain/role';
import { RoleGrant } from '../domain/role-grant';
import { CreateRoleUseCase } from './create-role.use-case';
import { DeleteRoleUseCase } from './delete-role.use-case';
import { actorWith, FakeGrants, FakeRoles, ORG, orgWide, uncontendedTransaction } from './in-memory.fakes';
import { UpdateRoleUseCase } from './update-role.use-case';

describe('role use cases', () => {
  let roles: FakeRoles;
  let grants: FakeGrants;
  let member: Role;
  let adminRole: Role;
  const admin = actorWith([
    orgWide(
      'role:read',
      'role:create',
      'role:update',
      'role:delete',
      'task:read',
      'task:update',
      'task:delete',
      'project:read',
    ),
  ]);
  const create = (
    input: { code: string; name: string; parentId?: string | null; permissions: string[] },
    actor = admin,
  ) => new CreateRoleUseCase(roles).execute(input, actor);
  const update = (id: string, changes: object, actor = admin) =>
    new UpdateRoleUseCase(roles, uncontendedTransaction, new RecordingAuditContext()).execute(
      id,
      changes,
      actor,
    );
  const remove = (id: string, actor = admin) =>
    new DeleteRoleUseCase(roles, grants, new RecordingAuditContext()).execute(id, actor);

  beforeEach(async () => {
    roles = new FakeRoles();
    grants = new FakeGrants();
    member = Role.create(ORG, { code: 'member', name: 'Member', permissions: ['task:read'], builtin: true });
    adminRole = Role.create(ORG, {
      code: 'admin',
      name: 'Admin',
      permissions: ['task:read', 'task:update'],
      builtin: true,
    });
    await roles.save(member);
    await roles.save(adminRole);
  });

  it('creates a role under a parent of the organization, refusing unknown parents and taken codes', async () => {
    const lead = await create({
      code: 'lead',
      name: 'Lead',
      parentId: member.id,
      permissions: ['task:update'],
    });
    expect(lead).toMatchObject({ parentId: member.id, permissions: ['task:update'], isBuiltin: false });
    await expect(create({ code: 'x', name: 'X', parentId: 'nope', permissions: [] })).rejects.toMatchObject({
      code: 'VAL002',
      field: 'parent_id',
    });
    await expect(create({ code: 'lead', name: 'Lead 2', permissions: [] })).rejects.toMatchObject({
      code: 'BIZ001',
    });
    await expect(create({ code: 'y', name: 'Y', permissions: ['task:teleport'] })).rejects.toMatchObject({
      code: 'VAL002',
      field: 'permissions',
    });
    expect(roles.rows.size).toBe(3);
  });

  it('refuses a parent that closes a loop (BIZ003), leaving the role unchanged', async () => {
    const a = await create({ code: 'a', name: 'A', permissions: [] });
    const b = await create({ code: 'b', name: 'B', parentId: a.id, permissions: [] });
    const c = await create({ code: 'c', name: 'C', parentId: b.id, permissions: [] });
    await expect(update(a.id, { parentId: c.id })).rejects.toMatchObject({ code: 'BIZ003' });
    expect(roles.rows.get(a.id)).toMatchObject({ parentId: null, version: 1 });
    await expect(update(c.id, { parentId: a.id })).resolves.toMatchObject({ parentId: a.id, version: 2 });
  });

  it('protects built-in roles: code, admin permissions, deletion', async () => {
    await expect(update(member.id, { code: 'staff' })).rejects.toMatchObject({ code: 'BIZ003' });
    await expect(update(adminRole.id, { permissions: ['task:read'] })).rejects.toMatchObject({
      code: 'BIZ003',
    });
    await expect(
      update(adminRole.id, { permissions: ['task:read', 'task:update', 'task:delete'] }),
    ).resolves.toMatchObject({ version: 2 });
    await expect(update(member.id, { name: 'Staff', code: 'member' })).resolves.toMatchObject({
      name: 'Staff',
      code: 'member',
    });
    await expect(remove(member.id)).rejects.toMatchObject({ code: 'BIZ003' });
  });

  it('refuses to widen a role with permissions the caller lacks, directly or through a new parent', async () => {
    const editor = actorWith([orgWide('role:update', 'task:read')]);
    const lead = await create({ code: 'lead', name: 'Lead', permissions: ['task:read'] });
    const strong = await create({ code: 'strong', name: 'Strong', permissions: ['project:read'] });
    await expect(
      update(lead.id, { permissions: ['task:read', 'task:delete'] }, editor),
    ).rejects.toMatchObject({
      code: 'AUTH004',
      details: { missing_permissions: ['task:delete'] },
    });
    await expect(update(lead.id, { parentId: strong.id }, editor)).rejects.toMatchObject({
      code: 'AUTH004',
      details: { missing_permissions: ['project:read'] },
    });
    // Narrowing, or renaming, confers nothing.
    await expect(update(strong.id, { permissions: [], name: 'Weak' }, editor)).resolves.toMatchObject({
      permissions: [],
    });
    const platformAdmin = actorWith([], { platformAdmin: true });
    await expect(update(lead.id, { permissions: ['user:delete'] }, platformAdmin)).resolves.toMatchObject({
      permissions: ['user:delete'],
    });
  });

  it('deletes a custom role only when nothing inherits from it and nobody holds it', async () => {
    const parent = await create({ code: 'p', name: 'P', permissions: [] });
    const child = await create({ code: 'k', name: 'K', parentId: parent.id, permissions: [] });
    await grants.save(
      RoleGrant.create(ORG, { userId: 'u1', roleId: child.id, departmentId: null, grantedBy: null }),
    );
    await expect(remove(parent.id)).rejects.toMatchObject({ code: 'BIZ003' });
    await expect(remove(child.id)).rejects.toMatchObject({ code: 'BIZ003' });
    grants.rows.clear();
    await remove(child.id);
    await remove(parent.id);
    expect([...roles.rows.keys()]).toEqual([member.id, adminRole.id]);
    await expect(remove(parent.id)).rejects.toMatchObject({ code: 'BIZ002' });
  });

  it('needs the coarse permission for each change', async () => {
    const reader = actorWith([orgWide('role:read')]);
    await expect(create({ code: 'z', name: 'Z', permissions: [] }, reader)).rejects.toMatchObject({
      code: 'AUTH004',
    });
    await expect(update(member.id, { name: 'x' }, reader)).rejects.toMatchObject({ code: 'AUTH004' });
    await expect(remove(member.id, reader)).rejects.toMatchObject({ code: 'AUTH004' });
  });
});
