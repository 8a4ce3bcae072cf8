import {
  assertKnownPermissions,
  BUILTIN_ROLES,
  isKnownPermission,
  PERMISSION_CATALOGUE,
  unheldPermissions,
} from './permission-catalogue';

describe('permission catalogue', () => {
  it('holds unique resource:action codes, and the built-in roles use only those', () => {
    const codes = PERMISSION_CATALOGUE.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z_]+:[a-z_]+$/);
    expect(BUILTIN_ROLES.admin.permissions).toEqual(codes);
    expect(BUILTIN_ROLES.member.permissions.every(isKnownPermission)).toBe(true);
  });

  it('refuses unknown permissions with VAL002 on `permissions`', () => {
    expect(() => assertKnownPermissions(['task:read'])).not.toThrow();
    expect(() => assertKnownPermissions(['task:read', 'Task:Read', 'task:*'])).toThrow(
      expect.objectContaining({
        code: 'VAL002',
        field: 'permissions',
        invalidValue: ['Task:Read', 'task:*'],
      }),
    );
  });
});

describe('privilege escalation rule', () => {
  const held = new Set(['task:read', 'task:update', 'role:assign']);
  const holds = (code: string) => held.has(code);

  it('lists what the caller would confer without holding it', () => {
    expect(unheldPermissions(['task:read', 'task:delete', 'user:read', 'task:delete'], holds)).toEqual([
      'task:delete',
      'user:read',
    ]);
  });

  it('finds nothing when every conferred permission is held (or nothing is conferred)', () => {
    expect(unheldPermissions(['task:read', 'task:update'], holds)).toEqual([]);
    expect(unheldPermissions([], holds)).toEqual([]);
  });
});
