import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { fetchPage, RequestTransaction, SqlFilter } from '@erp/platform';
import { chainIdOf } from './audit-rows';

export interface AuditLogView {
  id: string;
  organization_id: string | null;
  sequence: number;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  api_key_id: string | null;
  sso_issuer: string | null;
  sso_subject: string | null;
  actor_display: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  error_code: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null;
  details: Record<string, unknown>;
  pseudonymized_at: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditLogFilters {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  q?: string;
}

type Row = Omit<AuditLogView, 'sequence' | 'occurred_at' | 'pseudonymized_at'> & {
  sequence: string;
  occurred_at: Date;
  pseudonymized_at: Date | null;
};

export const AUDIT_LOG_SORT = { occurred_at: 'l.occurred_at', sequence: 'l.chain_seq' };

const COLUMNS = `l.id, l.organization_id, l.chain_seq::text as sequence, l.occurred_at, l.actor_type, l.actor_id,
  l.api_key_id, l.sso_issuer, l.personal #>> '{sso_subject,v}' as sso_subject,
  l.personal #>> '{actor_display,v}' as actor_display, l.action, l.target_type, l.target_id, l.outcome,
  l.error_code, l.request_id, l.personal #>> '{ip,v}' as ip, l.personal #>> '{user_agent,v}' as user_agent,
  l.personal #> '{changes,v}' as changes, l.details, l.pseudonymized_at, l.prev_hash, l.hash`;

/** An organization's audit rows, newest first by default. */
@Injectable()
export class AuditLogQueries {
  constructor(private readonly tx: RequestTransaction) {}

  list(organizationId: string | null, request: PageRequest, f: AuditLogFilters): Promise<Page<AuditLogView>> {
    const where = new SqlFilter()
      .equals('l.chain_id', chainIdOf(organizationId))
      .equals('l.actor_id', f.actorId)
      .equals('l.action', f.action)
      .equals('l.target_type', f.targetType)
      .equals('l.target_id', f.targetId)
      .equals('l.outcome', f.outcome)
      .contains(['l.action', 'l.target_type'], f.q);
    if (f.from) where.and(`l.occurred_at >= ${where.param(f.from)}::timestamptz`);
    if (f.to) where.and(`l.occurred_at < ${where.param(f.to)}::timestamptz`);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'audit_log l',
      where,
      request,
      tiebreak: 'l.chain_seq desc',
      toView: (row: Row): AuditLogView => ({
        ...row,
        sequence: Number(row.sequence),
        occurred_at: row.occurred_at.toISOString(),
        pseudonymized_at: row.pseudonymized_at?.toISOString() ?? null,
      }),
    });
  }
}
