import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { chainIdOf } from './audit-rows';

/**
 * An audit row about a user, as their data export shows it: never the chain's hashes. Personal
 * values of the row (IP, user agent, SSO subject) are the actor's, so they are shown only on rows
 * the user acted in; recorded changes only on rows whose target is the user (otherwise they could
 * hold another person's data).
 */
export interface AuditDataView {
  id: string;
  organization_id: string | null;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  error_code: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  sso_subject: string | null;
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null;
  details: Record<string, unknown>;
  pseudonymized_at: string | null;
}

type Row = Omit<AuditDataView, 'occurred_at' | 'pseudonymized_at'> & {
  occurred_at: Date;
  pseudonymized_at: Date | null;
};

/**
 * Read facade for data rights: the rows of one chain (an organization's, or the platform's for
 * `null`) where the user is the actor or the target, oldest first, as the transaction may see
 * them (switch to the organization first).
 */
@Injectable()
export class AuditDataQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async aboutUser(organizationId: string | null, userId: string): Promise<AuditDataView[]> {
    const rows = await this.tx.manager.query<Row[]>(
      `select l.id, l.organization_id, l.occurred_at, l.actor_type, l.actor_id, l.action, l.target_type,
              l.target_id, l.outcome, l.error_code, l.request_id,
              case when l.actor_id = $2 then l.personal #>> '{ip,v}' end as ip,
              case when l.actor_id = $2 then l.personal #>> '{user_agent,v}' end as user_agent,
              case when l.actor_id = $2 then l.personal #>> '{sso_subject,v}' end as sso_subject,
              case when l.target_type = 'User' and l.target_id = $2::text then l.personal #> '{changes,v}' end
                as changes,
              l.details, l.pseudonymized_at
         from audit_log l
        where l.chain_id = $1 and (l.actor_id = $2 or (l.target_type = 'User' and l.target_id = $2::text))
        order by l.chain_seq`,
      [chainIdOf(organizationId), userId],
    );
    return rows.map((r) => ({
      ...r,
      occurred_at: r.occurred_at.toISOString(),
      pseudonymized_at: r.pseudonymized_at?.toISOString() ?? null,
    }));
  }
}
