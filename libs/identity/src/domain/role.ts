import { newId } from '@erp/kernel';

/** A named set of permissions in one organization; it also has every permission of its ancestors. */
export class Role {
  static readonly modelName = 'Role';
  id!: string;
  organizationId!: string;
  parentId!: string | null;
  code!: string;
  name!: string;
  description!: string | null;
  permissions!: string[];
  isBuiltin!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(
    organizationId: string,
    input: { code: string; name: string; description?: string | null; parentId?: string | null; permissions: string[]; builtin?: boolean },
  ): Role {
    const r = new Role();
    r.id = newId();
    r.organizationId = organizationId;
    r.code = input.code.trim();
    r.name = input.name.trim();
    r.description = input.description ?? null;
    r.parentId = input.parentId ?? null;
    r.permissions = [...new Set(input.permissions)].sort();
    r.isBuiltin = input.builtin ?? false;
    return r;
  }
}

export interface RoleNode {
  id: string;
  parentId: string | null;
  permissions: string[];
}

/**
 * A role's own permissions plus those of all its ancestors. A cycle in the parent chain
 * (which the use cases prevent) stops the walk instead of looping.
 */
export function effectivePermissions(roleId: string, roles: ReadonlyMap<string, RoleNode>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  let current = roles.get(roleId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    current.permissions.forEach((p) => found.add(p));
    current = current.parentId ? roles.get(current.parentId) : undefined;
  }
  return [...found].sort();
}

/** True when making `parentId` the parent of `roleId` would close a loop. */
export function wouldCreateCycle(roleId: string, parentId: string, roles: ReadonlyMap<string, RoleNode>): boolean {
  const seen = new Set<string>();
  let current: string | null = parentId;
  while (current && !seen.has(current)) {
    if (current === roleId) return true;
    seen.add(current);
    current = roles.get(current)?.parentId ?? null;
  }
  return false;
}
