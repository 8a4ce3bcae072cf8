import type { ChainedRecord } from '../domain/audit-record';

/** `audit_log` as the driver returns it. */
export interface AuditLogRow {
  id: string;
  organization_id: string | null;
  chain_seq: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  api_key_id: string | null;
  sso_issuer: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  error_code: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  personal: ChainedRecord['personal'];
  personal_digests: ChainedRecord['personalDigests'];
  pseudonymized_at: Date | null;
  content_digest: string;
  prev_hash: string;
  hash: string;
}

export const AUDIT_LOG_COLUMNS = `l.id, l.organization_id, l.chain_seq::text as chain_seq, l.occurred_at, l.actor_type,
  l.actor_id, l.api_key_id, l.sso_issuer, l.action, l.target_type, l.target_id, l.outcome, l.error_code,
  l.request_id, l.details, l.personal, l.personal_digests, l.pseudonymized_at, l.content_digest, l.prev_hash, l.hash`;

export const toChainedRecord = (row: AuditLogRow): ChainedRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  chainSeq: row.chain_seq,
  occurredAt: row.occurred_at,
  actorType: row.actor_type,
  actorId: row.actor_id,
  apiKeyId: row.api_key_id,
  ssoIssuer: row.sso_issuer,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  outcome: row.outcome,
  errorCode: row.error_code,
  requestId: row.request_id,
  details: row.details,
  personal: row.personal,
  personalDigests: row.personal_digests,
  pseudonymizedAt: row.pseudonymized_at,
  contentDigest: row.content_digest,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The chain of an organization, or the platform's (organization null). */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';
export const chainIdOf = (organizationId: string | null): string => organizationId ?? PLATFORM_CHAIN;
