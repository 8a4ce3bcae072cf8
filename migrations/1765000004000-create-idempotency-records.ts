import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';
import { CURRENT_USER_ID } from './support/rls';

/**
 * Remembered answers of POSTs sent with an `Idempotency-Key`, per principal (a user, or one of its
 * API keys). Rows belong to a user, not an organization: row-level security shows a caller only
 * its own. Written in the same transaction as the change they answer, so a record exists exactly
 * when the change was committed.
 */
export class CreateIdempotencyRecords1765000004000 implements MigrationInterface {
  name = 'CreateIdempotencyRecords1765000004000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create table idempotency_records (
        user_id uuid not null references users(id) on delete cascade,
        principal varchar(80) not null,
        key varchar(255) not null,
        request_hash char(64) not null,
        response jsonb not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        primary key (user_id, principal, key)
      )`,
      `create index idempotency_records_expiry_idx on idempotency_records (expires_at)`,
      `alter table idempotency_records enable row level security`,
      `alter table idempotency_records force row level security`,
      `create policy own_records on idempotency_records using (user_id = ${CURRENT_USER_ID})
         with check (user_id = ${CURRENT_USER_ID})`,
      `grant select, insert, update, delete on idempotency_records to ${RUNTIME_ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists idempotency_records`);
  }
}
