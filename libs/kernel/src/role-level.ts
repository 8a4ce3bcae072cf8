/**
 * Role levels, lowest first. Every role has one (custom roles default to `member`); a role also
 * has its parent's level when that is higher; a user's level is the highest of their roles'.
 * ABAC conditions compare `user.role_level` by this order.
 */
export const ROLE_LEVELS = ['member', 'manager', 'admin'] as const;
export type RoleLevel = (typeof ROLE_LEVELS)[number];

/** The highest of the given levels (`null` for none). */
export function highestLevel(levels: Iterable<string | null | undefined>): RoleLevel | null {
  let best = -1;
  for (const level of levels) best = Math.max(best, ROLE_LEVELS.indexOf(level as RoleLevel));
  return best < 0 ? null : ROLE_LEVELS[best];
}
