import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';

/**
 * The background jobs' database side. pg-boss's own schema (`pgboss`) is created and upgraded by
 * pg-boss itself right after the migrations (see libs/platform/src/jobs/job-schema.ts), which
 * also grants the runtime role what enqueueing needs. Here: the daily clean-up of idempotency
 * records and refresh tokens, as a SECURITY DEFINER function (idempotency records are per-user
 * under forced row-level security); the owner gets a policy that shows it expired rows only.
 */
export class CreateJobMaintenance1765000007000 implements MigrationInterface {
  name = 'CreateJobMaintenance1765000007000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create policy owner_expires_records on idempotency_records to current_user using (expires_at < now())`,
      `create index refresh_tokens_expiry_idx on refresh_tokens (expires_at)`,
      `create function expire_stale_records(p_refresh_token_days integer)
         returns table (idempotency_records bigint, refresh_tokens bigint)
         language plpgsql security definer set search_path = pg_catalog, public as $$
       declare
         cutoff timestamptz := now() - make_interval(days => p_refresh_token_days);
       begin
         with gone as (delete from idempotency_records r where r.expires_at < now() returning 1)
         select count(*) into idempotency_records from gone;
         with gone as (
           delete from refresh_tokens t where t.expires_at < cutoff or t.revoked_at < cutoff returning 1
         )
         select count(*) into refresh_tokens from gone;
         return next;
       end $$`,
      `revoke all on function expire_stale_records(integer) from public`,
      `grant execute on function expire_stale_records(integer) to ${RUNTIME_ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists expire_stale_records(integer)`);
    await db.query(`drop index if exists refresh_tokens_expiry_idx`);
    await db.query(`drop policy if exists owner_expires_records on idempotency_records`);
  }
}
