import { ResourceNotFound, ROLE_LEVELS, RoleLevel } from '@erp/kernel';
import { Actor, parsePermission } from '@erp/platform';
import { PrivilegeEscalation } from '../domain/identity.errors';
import { unheldPermissions } from '../domain/permission-catalogue';

/**
 * Resource-level check on a loaded record: a record the caller may not even read is answered as
 * missing (404 BIZ002, like a record of another organization); one it may read but not change, 403.
 */
export function assertRecordAccess(actor: Actor, action: string, subject: string, record: object): void {
  if (!actor.can('read', subject, record)) throw new ResourceNotFound(subject);
  actor.assertCan(action, subject, record);
}

/** Does the caller hold `code` for the whole organization (not only in some departments)? */
export function holdsOrganizationWide(actor: Actor, code: string): boolean {
  if (actor.platformAdmin) return true;
  const { action, subject } = parsePermission(code);
  return actor.ability.rulesFor(action, subject).some((rule) => !rule.inverted && !rule.conditions);
}

/** Refuses (403 AUTH004) to confer any permission the caller does not hold organization-wide. */
export function assertMayConfer(actor: Actor, action: string, permissions: Iterable<string>): void {
  const missing = unheldPermissions(permissions, (code) => holdsOrganizationWide(actor, code));
  if (missing.length > 0) throw new PrivilegeEscalation(action, missing);
}

/**
 * Refuses (403 AUTH004) to confer a role level above the caller's own: policies may test
 * `user.role_level`, so a level is a privilege like a permission.
 */
export function assertMayConferLevel(actor: Actor, action: string, level: RoleLevel | null): void {
  if (actor.platformAdmin || level === null || level === ROLE_LEVELS[0]) return;
  const own = actor.policies.context?.user.roleLevel ?? null;
  if (ROLE_LEVELS.indexOf(level) > (own === null ? -1 : ROLE_LEVELS.indexOf(own)))
    throw new PrivilegeEscalation(action, [`role_level:${level}`]);
}
