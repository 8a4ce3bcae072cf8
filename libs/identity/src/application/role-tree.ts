import type { Role, RoleNode } from '../domain/role';

/** The organization's roles as the nodes inheritance rules walk over. */
export const roleTree = (roles: readonly Role[]): Map<string, RoleNode> =>
  new Map(
    roles.map((r) => [
      r.id,
      { id: r.id, parentId: r.parentId, permissions: r.permissions, code: r.code, level: r.level },
    ]),
  );
