import { createHash } from 'node:crypto';
import { canonicalJson, toPlainJson } from './canonical-json';
import { changeSet, ChangeSet } from './redaction';

export const GENESIS_HASH = '0'.repeat(64);
export const PERSONAL_FIELDS = ['ip', 'user_agent', 'actor_display', 'sso_subject', 'changes'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** A personal value kept with the salt of its digest: erasing both leaves only the digest. */
export interface SaltedValue {
  s: string;
  v: unknown;
}

/** What is written (the database adds chain_seq, prev_hash and hash). */
export interface AuditRecord {
  id: string;
  organizationId: string | null;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  apiKeyId: string | null;
  ssoIssuer: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  errorCode: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  personal: Partial<Record<PersonalField, SaltedValue>>;
  personalDigests: Partial<Record<PersonalField, string>>;
  contentDigest: string;
}

/** A stored row, with its place in the chain (`chainSeq` as text: it is a bigint). */
export interface ChainedRecord extends AuditRecord {
  chainSeq: string;
  prevHash: string;
  hash: string;
  pseudonymizedAt: Date | null;
}

/** The event to record, in the audit context's terms (the platform's AuditEntry has this shape). */
export interface AuditEvent {
  organizationId: string | null;
  actor: {
    type: string;
    userId: string | null;
    apiKeyId?: string | null;
    ssoIssuer?: string | null;
    ssoSubject?: string | null;
    display?: string | null;
  };
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: string;
  errorCode: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  changes: ChangeSet | null;
  details: Record<string, unknown>;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const clip = (text: string | null | undefined, max: number): string | null =>
  text === null || text === undefined ? null : toPlainJson(text).slice(0, max);

/** Digest of one personal value: salted, so an erased value cannot be guessed back from it. */
export const personalDigest = (field: string, salted: SaltedValue): string =>
  sha256(`${field}|${salted.s}|${canonicalJson(salted.v)}`);

/** SHA-256 of the canonical serialization of every field, personal ones by their digests only. */
export function contentDigest(record: Omit<AuditRecord, 'contentDigest' | 'personal'>): string {
  return sha256(
    canonicalJson({
      v: 1,
      id: record.id,
      organization_id: record.organizationId,
      occurred_at: record.occurredAt.toISOString(),
      actor_type: record.actorType,
      actor_id: record.actorId,
      api_key_id: record.apiKeyId,
      sso_issuer: record.ssoIssuer,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId,
      outcome: record.outcome,
      error_code: record.errorCode,
      request_id: record.requestId,
      details: record.details,
      personal: record.personalDigests,
    }),
  );
}

/** The row's link in its chain; the database computes the same when it appends the row. */
export const chainHash = (prevHash: string, chainSeq: string, digest: string): string =>
  sha256(`${prevHash}|${chainSeq}|${digest}`);

/** Builds the record of `event`: bounded, secrets redacted, personal values salted and digested. */
export function buildAuditRecord(
  event: AuditEvent,
  made: { id: string; occurredAt: Date; salt: () => string },
): AuditRecord {
  const changes = event.changes && toPlainJson(changeSet(event.changes.before, event.changes.after));
  const values: Record<PersonalField, unknown> = {
    ip: clip(event.ip, 100),
    user_agent: clip(event.userAgent, 500),
    actor_display: clip(event.actor.display, 320),
    sso_subject: clip(event.actor.ssoSubject, 255),
    changes,
  };
  const personal: AuditRecord['personal'] = {};
  const personalDigests: AuditRecord['personalDigests'] = {};
  for (const field of PERSONAL_FIELDS) {
    if (values[field] === null || values[field] === undefined) continue;
    personal[field] = { s: made.salt(), v: values[field] };
    personalDigests[field] = personalDigest(field, personal[field]);
  }
  const record = {
    id: made.id,
    organizationId: event.organizationId,
    occurredAt: made.occurredAt,
    actorType: event.actor.type,
    actorId: event.actor.userId,
    apiKeyId: event.actor.apiKeyId ?? null,
    ssoIssuer: clip(event.actor.ssoIssuer, 500),
    action: clip(event.action, 100) ?? '',
    targetType: clip(event.target?.type, 100),
    targetId: clip(event.target?.id, 200),
    outcome: event.outcome,
    errorCode: clip(event.errorCode, 20),
    requestId: clip(event.requestId, 128),
    details: toPlainJson(event.details),
    personal,
    personalDigests,
  };
  return { ...record, contentDigest: contentDigest(record) };
}
