import { effectivePermissions, Role, RoleNode, wouldCreateCycle } from './role';

const tree = (
  ...nodes: [id: string, parentId: string | null, permissions: string[]][]
): Map<string, RoleNode> =>
  new Map(nodes.map(([id, parentId, permissions]) => [id, { id, parentId, permissions }]));

describe('role inheritance', () => {
  it('adds every ancestor’s permissions along a three-level chain, without duplicates', () => {
    const roles = tree(
      ['viewer', null, ['task:read', 'project:read']],
      ['editor', 'viewer', ['task:update', 'task:read']],
      ['lead', 'editor', ['task:delete']],
    );
    expect(effectivePermissions('lead', roles)).toEqual([
      'project:read',
      'task:delete',
      'task:read',
      'task:update',
    ]);
    expect(effectivePermissions('editor', roles)).toEqual(['project:read', 'task:read', 'task:update']);
    expect(effectivePermissions('viewer', roles)).toEqual(['project:read', 'task:read']);
  });

  it('stops at a cycle instead of looping, still collecting every role on it', () => {
    const roles = tree(['a', 'c', ['task:read']], ['b', 'a', ['task:update']], ['c', 'b', ['task:delete']]);
    expect(effectivePermissions('a', roles)).toEqual(['task:delete', 'task:read', 'task:update']);
    expect(effectivePermissions('self', tree(['self', 'self', ['user:read']]))).toEqual(['user:read']);
  });

  it('ends the chain at an unknown parent, and knows nothing of an unknown role', () => {
    const roles = tree(['orphan', 'gone', ['task:read']]);
    expect(effectivePermissions('orphan', roles)).toEqual(['task:read']);
    expect(effectivePermissions('missing', roles)).toEqual([]);
  });
});

describe('wouldCreateCycle', () => {
  const roles = tree(['root', null, []], ['mid', 'root', []], ['leaf', 'mid', []], ['other', null, []]);

  it('is true for the role itself and for any of its descendants', () => {
    expect(wouldCreateCycle('root', 'root', roles)).toBe(true);
    expect(wouldCreateCycle('root', 'mid', roles)).toBe(true);
    expect(wouldCreateCycle('root', 'leaf', roles)).toBe(true);
    expect(wouldCreateCycle('mid', 'leaf', roles)).toBe(true);
  });

  it('is false for ancestors, unrelated roles and unknown parents', () => {
    expect(wouldCreateCycle('leaf', 'root', roles)).toBe(false);
    expect(wouldCreateCycle('leaf', 'other', roles)).toBe(false);
    expect(wouldCreateCycle('other', 'leaf', roles)).toBe(false);
    expect(wouldCreateCycle('leaf', 'unknown', roles)).toBe(false);
  });

  it('terminates on a loop already present above the new parent', () => {
    const broken = tree(['x', 'y', []], ['y', 'x', []], ['z', null, []]);
    expect(wouldCreateCycle('z', 'x', broken)).toBe(false);
  });
});

describe('Role', () => {
  const custom = () =>
    Role.create('o1', {
      code: ' lead ',
      name: ' Lead ',
      permissions: ['task:read', 'task:read', 'project:read'],
    });
  const builtin = (code: 'admin' | 'member') =>
    Role.create('o1', { code, name: code, permissions: ['task:read', 'task:update'], builtin: true });

  it('normalizes on creation and refuses permissions outside the catalogue (VAL002 on permissions)', () => {
    expect(custom()).toMatchObject({
      code: 'lead',
      name: 'Lead',
      permissions: ['project:read', 'task:read'],
      isBuiltin: false,
      parentId: null,
    });
    expect(() => Role.create('o1', { code: 'x', name: 'X', permissions: ['task:read', 'task:fly'] })).toThrow(
      expect.objectContaining({ code: 'VAL002', field: 'permissions', invalidValue: ['task:fly'] }),
    );
  });

  it('lets custom roles change code, but built-in roles keep theirs (BIZ003)', () => {
    const role = custom();
    role.changeCode('team-lead');
    expect(role.code).toBe('team-lead');
    const member = builtin('member');
    expect(() => member.changeCode('staff')).toThrow(expect.objectContaining({ code: 'BIZ003' }));
    expect(() => member.changeCode('member')).not.toThrow();
  });

  it('never lets the built-in admin role lose a permission, but lets it gain', () => {
    const admin = builtin('admin');
    expect(() => admin.replacePermissions(['task:read'])).toThrow(
      expect.objectContaining({ code: 'BIZ003' }),
    );
    admin.replacePermissions(['task:read', 'task:update', 'task:delete']);
    expect(admin.permissions).toEqual(['task:delete', 'task:read', 'task:update']);
    const member = builtin('member');
    member.replacePermissions([]);
    expect(member.permissions).toEqual([]);
  });

  it('refuses a parent that would make it inherit from itself', () => {
    const role = custom();
    const child = Role.create('o1', { code: 'child', name: 'Child', permissions: [], parentId: role.id });
    const roles = tree([role.id, null, role.permissions], [child.id, role.id, []]);
    expect(() => role.inheritFrom(child.id, roles)).toThrow(expect.objectContaining({ code: 'BIZ003' }));
    expect(() => role.inheritFrom(role.id, roles)).toThrow(expect.objectContaining({ code: 'BIZ003' }));
    expect(role.parentId).toBeNull();
    child.inheritFrom(null, roles);
    expect(child.parentId).toBeNull();
  });

  it('can be deleted only when custom, inherited from by nothing and granted to nobody', () => {
    expect(() => builtin('member').assertRemovable({ children: 0, grants: 0 })).toThrow(
      expect.objectContaining({ code: 'BIZ003' }),
    );
    expect(() => custom().assertRemovable({ children: 1, grants: 0 })).toThrow(
      expect.objectContaining({ code: 'BIZ003' }),
    );
    expect(() => custom().assertRemovable({ children: 0, grants: 2 })).toThrow(
      expect.objectContaining({ code: 'BIZ003' }),
    );
    expect(() => custom().assertRemovable({ children: 0, grants: 0 })).not.toThrow();
  });
});
