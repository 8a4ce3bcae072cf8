import { InvalidField } from '@erp/kernel';

/** Every permission the platform checks, `resource:action`. Roles may only hold these. */
export const PERMISSION_CATALOGUE: { code: string; description: string }[] = [
  { code: 'organization:read', description: 'View the organization' },
  { code: 'organization:update', description: 'Change the organization' },
  { code: 'department:read', description: 'View departments' },
  { code: 'department:create', description: 'Create departments' },
  { code: 'department:update', description: 'Change departments' },
  { code: 'department:delete', description: 'Delete departments' },
  { code: 'user:read', description: 'View members' },
  { code: 'user:create', description: 'Add members' },
  { code: 'user:update', description: 'Change members' },
  { code: 'user:delete', description: 'Remove members' },
  { code: 'role:read', description: 'View roles and grants' },
  { code: 'role:create', description: 'Create roles' },
  { code: 'role:update', description: 'Change roles' },
  { code: 'role:delete', description: 'Delete roles' },
  { code: 'role:assign', description: 'Grant and revoke roles' },
  { code: 'project:read', description: 'View projects' },
  { code: 'project:create', description: 'Create projects' },
  { code: 'project:update', description: 'Change projects' },
  { code: 'project:delete', description: 'Delete projects' },
  { code: 'project:read_budget', description: "See a project's budget_amount" },
  { code: 'project:update_budget', description: "Set a project's budget_amount" },
  { code: 'task:read', description: 'View tasks' },
  { code: 'task:create', description: 'Create tasks' },
  { code: 'task:update', description: 'Change tasks' },
  { code: 'task:delete', description: 'Delete tasks' },
  { code: 'audit:read', description: 'View and verify the audit trail' },
  { code: 'security:read', description: 'View security findings' },
  { code: 'security:scan', description: 'Run a security scan' },
  { code: 'policy:read', description: 'View access policies (ABAC)' },
  { code: 'policy:create', description: 'Create access policies' },
  { code: 'policy:update', description: 'Change access policies' },
  { code: 'policy:delete', description: 'Delete access policies' },
  { code: 'authorization:explain', description: "Explain a member's access decisions" },
];

export const isKnownPermission = (code: string): boolean => PERMISSION_CATALOGUE.some((p) => p.code === code);

/** Roles may only hold catalogue permissions (422 VAL002 on `permissions` otherwise). */
export function assertKnownPermissions(permissions: readonly string[]): void {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length > 0)
    throw new InvalidField('permissions', `Unknown permissions: ${unknown.join(', ')}`, unknown);
}

/**
 * The rule against privilege escalation: the permissions among `conferred` that the caller does
 * not hold. Conferring any of them (by granting or widening a role) is refused.
 */
export function unheldPermissions(conferred: Iterable<string>, holds: (code: string) => boolean): string[] {
  return [...new Set(conferred)].filter((code) => !holds(code)).sort();
}

/** The built-in roles every new organization gets. */
export const BUILTIN_ROLES = {
  admin: { name: 'Administrator', level: 'admin', permissions: PERMISSION_CATALOGUE.map((p) => p.code) },
  member: {
    name: 'Member',
    level: 'member',
    permissions: [
      'organization:read',
      'department:read',
      'user:read',
      'role:read',
      'project:read',
      'task:read',
      'task:create',
      'task:update',
    ],
  },
} as const;
