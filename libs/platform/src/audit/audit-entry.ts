import type { EntityManager } from 'typeorm';

export type AuditOutcome = 'success' | 'denied' | 'failed';

/** Who acted: a user (own token), an SSO subject, an API key (and its owner), nobody known, or the system. */
export interface AuditActor {
  type: 'user' | 'sso' | 'api_key' | 'anonymous' | 'system';
  userId: string | null;
  apiKeyId?: string | null;
  ssoIssuer?: string | null;
  /** Personal: erased by pseudonymization (its digest stays). */
  ssoSubject?: string | null;
  /** Personal: what identified the actor when no user was known (e.g. the username of a failed login). */
  display?: string | null;
}

export interface AuditTarget {
  type: string;
  id: string | null;
}

/** Before and after of the changed record (plain values; secrets are redacted when written). */
export interface AuditChanges {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** One audit event, as the platform hands it to the audit trail. */
export interface AuditEntry {
  /** `null`: a platform-level event (the platform chain). Must match the transaction's organization. */
  organizationId: string | null;
  actor: AuditActor;
  /** Stable dotted name: `task.update`, `auth.login`. */
  action: string;
  target: AuditTarget | null;
  outcome: AuditOutcome;
  errorCode: string | null;
  requestId: string | null;
  /** Personal. */
  ip: string | null;
  /** Personal. */
  userAgent: string | null;
  /** Personal (as a whole): may hold names and emails. */
  changes: AuditChanges | null;
  /** Non-personal facts (HTTP method and path, status, reasons, counts). */
  details: Record<string, unknown>;
}

/**
 * Port: appends one entry to the organization's hash chain in the transaction of `manager`.
 * Serializes with other appends to the same chain until commit, so call it as the transaction's
 * last statement. The audit context implements it.
 */
export abstract class AuditTrail {
  abstract append(manager: EntityManager, entry: AuditEntry): Promise<void>;
}
