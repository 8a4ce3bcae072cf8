import { Policy } from './policy';
import { effectiveLevel, Role, RoleNode } from './role';

describe('Policy', () => {
  const valid = { name: ' Dept ', permission: 'task:read', effect: 'allow' as const, condition: ' true ' };

  it('is attached to a catalogue permission, with a trimmed name and condition', () => {
    const p = Policy.create('o1', valid, 'u1');
    expect(p).toMatchObject({ name: 'Dept', condition: 'true', permission: 'task:read', createdBy: 'u1' });
  });

  it.each([
    [{ permission: 'task:fly' }, 'permission', "Unknown permission 'task:fly'"],
    [{ permission: 'policy:delete' }, 'permission', 'Policies cannot restrict the policy permissions'],
    [{ effect: 'maybe' }, 'effect', "'effect' must be allow or deny"],
    [{ name: '  ' }, 'name', "'name' must not be blank"],
    [{ condition: '' }, 'condition', "'condition' must not be blank"],
  ])('refuses %p (422 on %s)', (change, field, message) => {
    expect(() => Policy.create('o1', { ...valid, ...change } as typeof valid, 'u1')).toThrow(
      expect.objectContaining({ code: 'VAL002', field, message }),
    );
  });
});

describe('role levels', () => {
  it('default to member, are validated, inherited upwards, and fixed on built-in roles', () => {
    expect(Role.create('o1', { code: 'x', name: 'X', permissions: [] }).level).toBe('member');
    expect(() =>
      Role.create('o1', { code: 'x', name: 'X', permissions: [], level: 'boss' as 'admin' }),
    ).toThrow(expect.objectContaining({ code: 'VAL002', field: 'level' }));
    const admin = Role.create('o1', {
      code: 'admin',
      name: 'A',
      permissions: [],
      builtin: true,
      level: 'admin',
    });
    expect(() => admin.changeLevel('member')).toThrow(expect.objectContaining({ code: 'BIZ003' }));
    const roles = new Map<string, RoleNode>([
      ['m', { id: 'm', parentId: null, permissions: [], level: 'manager' }],
      ['c', { id: 'c', parentId: 'm', permissions: [], level: 'member' }],
    ]);
    expect(effectiveLevel('c', roles)).toBe('manager');
    expect(effectiveLevel('unknown', roles)).toBeNull();
  });
});
