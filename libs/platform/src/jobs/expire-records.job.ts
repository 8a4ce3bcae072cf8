import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RequestTransaction } from '../database/request-transaction';
import { JobHandler } from './job-handler';

const SYSTEM = { organizationId: null, userId: null, platformAdmin: true };

export interface ExpiredRecords {
  idempotencyRecords: number;
  refreshTokens: number;
}

/**
 * The daily clean-up: idempotency records past their `expires_at`, and refresh tokens that expired
 * or were revoked more than `REFRESH_TOKEN_RETENTION_DAYS` ago (kept until then for reuse
 * detection and the security scan). Both tables are per-user, not per-organization: the deletes
 * run through the `expire_stale_records` function of the jobs migration (the runtime role only
 * sees its own user's rows).
 */
@Injectable()
export class ExpireRecordsJob extends JobHandler {
  readonly queue = 'maintenance.expire-records' as const;
  private readonly logger = new Logger('ExpireRecords');

  constructor(
    private readonly transaction: RequestTransaction,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async handle(): Promise<void> {
    const expired = await this.expire();
    this.logger.log(
      `Deleted ${expired.idempotencyRecords} expired idempotency records, ${expired.refreshTokens} old refresh tokens`,
    );
  }

  async expire(): Promise<ExpiredRecords> {
    const [row] = await this.transaction.run(SYSTEM, (manager) =>
      manager.query<{ idempotency_records: string; refresh_tokens: string }[]>(
        'select idempotency_records::text, refresh_tokens::text from expire_stale_records($1)',
        [this.config.REFRESH_TOKEN_RETENTION_DAYS],
      ),
    );
    return { idempotencyRecords: Number(row.idempotency_records), refreshTokens: Number(row.refresh_tokens) };
  }
}
