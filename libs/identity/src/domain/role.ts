import { highestLevel, InvalidField, InvalidState, newId, ROLE_LEVELS, RoleLevel } from '@erp/kernel';
import { assertKnownPermissions } from './permission-catalogue';
import { closesLoop } from './tree';

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
  /** For `user.role_level` in policies; see ROLE_LEVELS. */
  level!: RoleLevel;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(
    organizationId: string,
    input: {
      code: string;
      name: string;
      description?: string | null;
      parentId?: string | null;
      permissions: string[];
      builtin?: boolean;
      level?: RoleLevel;
    },
  ): Role {
    const r = new Role();
    r.id = newId();
    r.organizationId = organizationId;
    r.code = input.code.trim();
    r.name = input.name.trim();
    r.description = input.description ?? null;
    r.parentId = input.parentId ?? null;
    r.permissions = normalized(input.permissions);
    r.isBuiltin = input.builtin ?? false;
    r.level = knownLevel(input.level ?? 'member');
    return r;
  }

  describe(changes: { name?: string; description?: string | null }): void {
    if (changes.name !== undefined) this.name = changes.name.trim();
    if (changes.description !== undefined) this.description = changes.description;
  }

  /** One of ROLE_LEVELS; built-in roles keep theirs (the platform relies on `admin` being the top). */
  changeLevel(level: RoleLevel): void {
    if (this.isBuiltin && this.level !== level)
      throw new InvalidState(Role.modelName, 'the level of a built-in role cannot change');
    this.level = knownLevel(level);
  }

  /** Built-in roles keep their code: the platform finds them by it. */
  changeCode(code: string): void {
    const next = code.trim();
    if (next === this.code) return;
    if (this.isBuiltin) throw new InvalidState(Role.modelName, 'the code of a built-in role cannot change');
    this.code = next;
  }

  /** Only catalogue permissions; the built-in `admin` role can gain permissions but never lose one. */
  replacePermissions(permissions: string[]): void {
    const next = normalized(permissions);
    if (this.isBuiltin && this.code === 'admin' && this.permissions.some((p) => !next.includes(p))) {
      throw new InvalidState(Role.modelName, 'the built-in admin role cannot lose permissions');
    }
    this.permissions = next;
  }

  /** A role cannot inherit from itself or from one of its own descendants. */
  inheritFrom(parentId: string | null, roles: ReadonlyMap<string, RoleNode>): void {
    if (parentId !== null && wouldCreateCycle(this.id, parentId, roles)) {
      throw new InvalidState(Role.modelName, 'the parent would make the role inherit from itself');
    }
    this.parentId = parentId;
  }

  /** Built-in roles, roles other roles inherit from and roles still granted cannot be deleted. */
  assertRemovable(usage: { children: number; grants: number }): void {
    if (this.isBuiltin) throw new InvalidState(Role.modelName, 'built-in roles cannot be deleted');
    if (usage.children > 0) throw new InvalidState(Role.modelName, 'other roles inherit from it');
    if (usage.grants > 0) throw new InvalidState(Role.modelName, 'it is still granted to members');
  }
}

function knownLevel(level: RoleLevel): RoleLevel {
  if (!ROLE_LEVELS.includes(level))
    throw new InvalidField('level', `Unknown level '${String(level)}'`, level);
  return level;
}

function normalized(permissions: string[]): string[] {
  assertKnownPermissions(permissions);
  return [...new Set(permissions)].sort();
}

export interface RoleNode {
  id: string;
  parentId: string | null;
  permissions: string[];
  code?: string;
  level?: string;
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
export function wouldCreateCycle(
  roleId: string,
  parentId: string,
  roles: ReadonlyMap<string, RoleNode>,
): boolean {
  return closesLoop(roleId, parentId, (id) => roles.get(id)?.parentId);
}

/** The highest level among the role and its ancestors (see ROLE_LEVELS). */
export function effectiveLevel(roleId: string, roles: ReadonlyMap<string, RoleNode>): RoleLevel | null {
  return highestLevel(roleChain(roleId, roles).map((r) => r.level));
}

/** The role and its ancestors, nearest first (a cycle stops the walk). */
export function roleChain(roleId: string, roles: ReadonlyMap<string, RoleNode>): RoleNode[] {
  const chain: RoleNode[] = [];
  let current = roles.get(roleId);
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = current.parentId ? roles.get(current.parentId) : undefined;
  }
  return chain;
}
