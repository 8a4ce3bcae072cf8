/** Ids of records that work refers to; `null` or absent ones are not checked. */
export interface WorkReferenceIds {
  projectId?: string | null;
  departmentId?: string | null;
  /** Must name a current (not ended) member of the organization. */
  assigneeId?: string | null;
}

/**
 * Port: do the records that work refers to exist in the organization? Answered from the tables
 * of other contexts by id only, inside the request transaction.
 */
export abstract class WorkReferences {
  /** The references among `ids` that name nothing usable in the organization (empty: all fine). */
  abstract missing(organizationId: string, ids: WorkReferenceIds): Promise<(keyof WorkReferenceIds)[]>;
}
