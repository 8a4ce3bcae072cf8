import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@erp/kernel';
import { AuditEntry, AuditTrail } from '@erp/platform';
import { buildAuditRecord } from '../domain/audit-record';

/**
 * Appends with one INSERT: the table's trigger takes the chain's lock, reads its head and sets
 * chain_seq, prev_hash and hash, all inside that statement.
 */
@Injectable()
export class SqlAuditTrail extends AuditTrail {
  constructor(private readonly clock: Clock) {
    super();
  }

  async append(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const r = buildAuditRecord(entry, {
      id: randomUUID(),
      occurredAt: this.clock.now(),
      salt: () => randomBytes(16).toString('hex'),
    });
    await manager.query(
      `insert into audit_log (id, organization_id, occurred_at, actor_type, actor_id, api_key_id, sso_issuer,
         action, target_type, target_id, outcome, error_code, request_id, details, personal, personal_digests,
         content_digest)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        r.id,
        r.organizationId,
        r.occurredAt,
        r.actorType,
        r.actorId,
        r.apiKeyId,
        r.ssoIssuer,
        r.action,
        r.targetType,
        r.targetId,
        r.outcome,
        r.errorCode,
        r.requestId,
        JSON.stringify(r.details),
        JSON.stringify(r.personal),
        JSON.stringify(r.personalDigests),
        r.contentDigest,
      ],
    );
  }
}
