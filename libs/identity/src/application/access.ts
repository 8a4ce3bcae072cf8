import { ResourceNotFound } from '@erp/kernel';
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
