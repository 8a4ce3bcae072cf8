import { Injectable } from '@nestjs/common';
import { AppConfig } from '@erp/platform';
import { ApplyAuditRetentionUseCase } from './apply-audit-retention.use-case';
import { DailySchedule } from './daily-schedule';

/** Applies audit retention a minute after start and then daily, in process; off in tests. */
@Injectable()
export class AuditRetentionSchedule extends DailySchedule {
  constructor(
    private readonly retention: ApplyAuditRetentionUseCase,
    private readonly config: AppConfig,
  ) {
    super('AuditRetention', 60_000);
  }

  protected enabled(): boolean {
    return this.config.NODE_ENV !== 'test';
  }

  protected async run(): Promise<void> {
    const outcomes = await this.retention.execute();
    const deleted = outcomes.reduce((sum, o) => sum + o.deleted, 0);
    if (deleted > 0) this.logger.log(`Deleted ${deleted} audit rows older than the retention period`);
  }
}
