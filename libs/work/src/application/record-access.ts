import { ResourceNotFound } from '@erp/kernel';
import type { Actor } from '@erp/platform';
import { UnknownReference } from '../domain/work.errors';
import type { WorkReferenceIds, WorkReferences } from '../domain/work-references';

/**
 * ABAC on a loaded record (grants' departments and the organization's policies): one the actor may
 * not even read (say, another department's under a department-narrowed grant, or one a policy hides) is reported as missing, exactly like a record that does not exist;
 * one it may read but not change is refused with AUTH004.
 */
export function assertAllowedOn(
  actor: Actor,
  action: string,
  subject: string,
  record: { id: string; departmentId: string | null },
): void {
  if (!actor.can('read', subject, record)) throw new ResourceNotFound(subject, record.id);
  actor.assertCan(action, subject, record);
}

const REFERENCE = {
  projectId: { field: 'project_id', what: 'a project' },
  departmentId: { field: 'department_id', what: 'a department' },
  assigneeId: { field: 'assignee_id', what: 'an active member' },
} as const;

/** Every given reference must name a record of the organization (422 VAL002 on the first that does not). */
export async function assertReferencesExist(
  references: WorkReferences,
  organizationId: string,
  ids: WorkReferenceIds,
): Promise<void> {
  const given = Object.fromEntries(Object.entries(ids).filter(([, id]) => typeof id === 'string'));
  if (Object.keys(given).length === 0) return;
  const [first] = await references.missing(organizationId, given);
  if (first) throw new UnknownReference(REFERENCE[first].field, REFERENCE[first].what, String(ids[first]));
}

/** The references a change replaced (unchanged ones were checked when they were set). */
export function changedReferences(before: WorkReferenceIds, after: WorkReferenceIds): WorkReferenceIds {
  const keys = (Object.keys(before) as (keyof WorkReferenceIds)[]).filter((k) => after[k] !== before[k]);
  return Object.fromEntries(keys.map((k) => [k, after[k]]));
}
