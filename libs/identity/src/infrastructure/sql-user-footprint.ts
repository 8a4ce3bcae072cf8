import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { UserFootprint } from '../domain/user-footprint';
import { UserDataQueries } from './user-data.queries';

/** Plain SQL in the request's transaction (a platform administrator's, for erasure). */
@Injectable()
export class SqlUserFootprint extends UserFootprint {
  constructor(
    private readonly tx: RequestTransaction,
    private readonly data: UserDataQueries,
  ) {
    super();
  }

  organizationsOf(userId: string): Promise<string[]> {
    return this.data.organizationsOf(userId);
  }

  revokeRefreshTokens(userId: string, now: Date): Promise<number> {
    return this.count(
      `update refresh_tokens set revoked_at = $2 where user_id = $1 and revoked_at is null returning 1`,
      [userId, now],
    );
  }

  removeSsoLinks(userId: string): Promise<number> {
    return this.count(`delete from user_identities where user_id = $1 returning 1`, [userId]);
  }

  forgetIdempotencyRecords(userId: string): Promise<number> {
    return this.count(`delete from idempotency_records where user_id = $1 returning 1`, [userId]);
  }

  /** Wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE ... RETURNING with [rows, count]. */
  private async count(statement: string, params: unknown[]): Promise<number> {
    const [row] = await this.tx.manager.query<{ n: number }[]>(
      `with changed as (${statement}) select count(*)::int as n from changed`,
      params,
    );
    return row.n;
  }
}
