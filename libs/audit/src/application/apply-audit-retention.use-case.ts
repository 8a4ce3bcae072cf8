import { Injectable } from '@nestjs/common';
import { AppConfig, AuditContext, RequestTransaction } from '@erp/platform';
import { AuditMaintenance, RetentionOutcome } from '../domain/ports';

const SYSTEM = { organizationId: null, userId: null, platformAdmin: true };

/**
 * Deletes audit rows older than `AUDIT_RETENTION_DAYS`, chain by chain, through the database's
 * retention function (the runtime role cannot delete rows itself), which keeps each chain's last
 * deleted row as its checkpoint so verification still passes. Records what it did in the platform trail.
 */
@Injectable()
export class ApplyAuditRetentionUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly maintenance: AuditMaintenance,
    private readonly audit: AuditContext,
    private readonly config: AppConfig,
  ) {}

  async execute(): Promise<RetentionOutcome[]> {
    const days = this.config.AUDIT_RETENTION_DAYS;
    return this.transaction.run(SYSTEM, async () => {
      const outcomes = await this.maintenance.applyRetention(days);
      const deleted = outcomes.reduce((sum, o) => sum + o.deleted, 0);
      if (deleted > 0) {
        await this.audit.record({
          action: 'audit.retention',
          outcome: 'success',
          actor: { type: 'system', userId: null },
          organizationId: null,
          details: { retention_days: days, deleted, chains: outcomes.length },
        });
      }
      return outcomes;
    });
  }
}
