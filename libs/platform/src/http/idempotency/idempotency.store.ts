import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { RequestTransaction } from '../../database/request-transaction';
import type { StoredResponse } from './idempotent-response';

/** How long an answer is remembered: a retry after this is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotencyScope {
  userId: string;
  /** `user`, or `api_key:<id>`: a user's keys and its own tokens do not share keys. */
  principal: string;
  key: string;
}

export interface RememberedAnswer {
  requestHash: string;
  response: StoredResponse;
}

/**
 * Idempotency records in PostgreSQL, inside the request transaction. `claim` takes a
 * transaction-scoped advisory lock on (principal, key): held until the request commits or rolls
 * back, so a concurrent duplicate finds it taken (IDEM002), and a later one finds the answer.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly clock: Clock,
  ) {}

  /** `busy` when another request holds the key now; else the remembered answer, if any and unexpired. */
  async claim(scope: IdempotencyScope): Promise<'busy' | RememberedAnswer | null> {
    const rows = await this.transaction.manager.query<
      { locked: boolean; request_hash: string | null; response: StoredResponse | null }[]
    >(
      `with lock as (select pg_try_advisory_xact_lock(hashtextextended($1 || ':' || $2 || ':' || $3, 7)) as locked)
       select lock.locked, r.request_hash, r.response
         from lock
         left join idempotency_records r
           on lock.locked and r.user_id = $1::uuid and r.principal = $2 and r.key = $3 and r.expires_at > $4`,
      [scope.userId, scope.principal, scope.key, this.clock.now()],
    );
    const [row] = rows;
    if (!row?.locked) return 'busy';
    if (row.request_hash === null || row.response === null) return null;
    return { requestHash: row.request_hash, response: row.response };
  }

  /** Remembers the answer; an expired record under the same key is replaced. */
  async remember(scope: IdempotencyScope, answer: RememberedAnswer): Promise<void> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_HOURS * 3_600_000);
    await this.transaction.manager.query(
      `insert into idempotency_records (user_id, principal, key, request_hash, response, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (user_id, principal, key) do update
         set request_hash = excluded.request_hash, response = excluded.response,
             created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [
        scope.userId,
        scope.principal,
        scope.key,
        answer.requestHash,
        JSON.stringify(answer.response),
        now,
        expiresAt,
      ],
    );
  }
}
