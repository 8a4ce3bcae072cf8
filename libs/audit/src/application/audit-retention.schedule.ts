import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@erp/platform';
import { ApplyAuditRetentionUseCase } from './apply-audit-retention.use-case';

const FIRST_RUN_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Applies audit retention a minute after start and then daily, in process (the timers never keep
 * the process alive). Meant to move to the job worker; off in tests, which run it on demand.
 */
@Injectable()
export class AuditRetentionSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditRetention');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly retention: ApplyAuditRetentionUseCase,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test') return;
    this.schedule(FIRST_RUN_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs once now; the next run is a day later. */
  async runNow(): Promise<void> {
    try {
      const outcomes = await this.retention.execute();
      const deleted = outcomes.reduce((sum, o) => sum + o.deleted, 0);
      if (deleted > 0) this.logger.log(`Deleted ${deleted} audit rows older than the retention period`);
    } catch (error) {
      this.logger.error('Audit retention failed', error instanceof Error ? error.stack : String(error));
    }
  }

  schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.runNow().finally(() => {
        if (this.timer) this.schedule(DAY_MS);
      });
    }, delayMs);
    this.timer.unref();
  }
}
