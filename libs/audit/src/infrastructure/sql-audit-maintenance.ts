import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { AuditMaintenance, RetentionOutcome } from '../domain/ports';

/** Calls the SECURITY DEFINER functions of the audit migration, in the open transaction. */
@Injectable()
export class SqlAuditMaintenance extends AuditMaintenance {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async applyRetention(days: number): Promise<RetentionOutcome[]> {
    const rows = await this.tx.manager.query<
      { organization_id: string | null; deleted: string; checkpoint_seq: string }[]
    >(`select organization_id, deleted::text, checkpoint_seq::text from audit_apply_retention($1)`, [days]);
    return rows.map((r) => ({
      organizationId: r.organization_id,
      deleted: Number(r.deleted),
      checkpointSeq: r.checkpoint_seq,
    }));
  }

  async pseudonymizeUser(userId: string, email: string | null): Promise<number> {
    const [row] = await this.tx.manager.query<{ n: number }[]>(
      `select audit_pseudonymize_user($1, $2) as n`,
      [userId, email],
    );
    return row.n;
  }
}
