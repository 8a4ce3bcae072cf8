import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';
import { CURRENT_ORGANIZATION, IS_PLATFORM_ADMIN } from './support/rls';

const GENESIS = `repeat('0', 64)`;
/** The chain key: the organization, or the all-zero uuid for platform-level rows (organization null). */
const PLATFORM_CHAIN = `'00000000-0000-0000-0000-000000000000'::uuid`;
/** Set transaction-locally by the maintenance functions below; the append-only trigger lets only them through. */
const MAINTENANCE_ON = `coalesce(current_setting('app.audit_maintenance', true), '') = 'on'`;
const READ_POLICY = `organization_id = ${CURRENT_ORGANIZATION} or (organization_id is null and ${IS_PLATFORM_ADMIN})`;

/**
 * The audit trail (issue 3, point 4): append-only, hash-chained per organization (platform-level
 * rows, organization null, form a chain of their own).
 *
 * - The runtime role may only INSERT and SELECT rows; a trigger also refuses UPDATE, DELETE and
 *   TRUNCATE to everyone but the maintenance functions (retention, pseudonymization).
 * - A BEFORE INSERT trigger (SECURITY DEFINER) serializes appends per chain with
 *   pg_advisory_xact_lock, takes the chain head from `audit_chains` and sets chain_seq, prev_hash
 *   and hash = sha256(prev_hash | chain_seq | content_digest). The application computes
 *   content_digest over a canonical serialization in which personal values (IP, user agent,
 *   names, changes) appear only as salted digests, so they can be erased later while the chain
 *   still verifies.
 * - Row-level security is forced; the policies for the runtime role show an organization its own
 *   rows and platform rows to platform administrators only. A second policy lets the migration
 *   owner (who owns the SECURITY DEFINER functions) reach every row: without it a non-superuser
 *   owner would see nothing under FORCE.
 */
export class CreateAuditLog1765000000000 implements MigrationInterface {
  name = 'CreateAuditLog1765000000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create table audit_log (
        id uuid primary key,
        organization_id uuid,
        chain_id uuid generated always as (coalesce(organization_id, ${PLATFORM_CHAIN})) stored,
        chain_seq bigint not null,
        occurred_at timestamptz not null,
        actor_type varchar(20) not null check (actor_type in ('user', 'sso', 'api_key', 'anonymous', 'system')),
        actor_id uuid,
        api_key_id uuid,
        sso_issuer varchar(500),
        action varchar(100) not null,
        target_type varchar(100),
        target_id varchar(200),
        outcome varchar(10) not null check (outcome in ('success', 'denied', 'failed')),
        error_code varchar(20),
        request_id varchar(128),
        details jsonb not null default '{}',
        personal jsonb not null default '{}',
        personal_digests jsonb not null default '{}',
        pseudonymized_at timestamptz,
        content_digest varchar(64) not null,
        prev_hash varchar(64) not null,
        hash varchar(64) not null,
        unique (chain_id, chain_seq)
      )`,
      `create index audit_log_time_idx on audit_log (chain_id, occurred_at desc, chain_seq desc)`,
      `create index audit_log_actor_idx on audit_log (actor_id, occurred_at desc) where actor_id is not null`,
      `create index audit_log_target_idx on audit_log (target_type, target_id)`,
      `create table audit_chains (
        chain_id uuid primary key,
        organization_id uuid,
        head_seq bigint not null default 0,
        head_hash varchar(64) not null default ${GENESIS},
        checkpoint_seq bigint not null default 0,
        checkpoint_hash varchar(64) not null default ${GENESIS},
        checkpoint_at timestamptz
      )`,
      ...['audit_log', 'audit_chains'].flatMap((table) => [
        `alter table ${table} enable row level security`,
        `alter table ${table} force row level security`,
        `create policy audit_read on ${table} for select to ${RUNTIME_ROLE} using (${READ_POLICY})`,
        `do $$ begin execute format('create policy audit_owner on ${table} to %I using (true) with check (true)', current_user); end $$`,
      ]),
      `create policy audit_append on audit_log for insert to ${RUNTIME_ROLE}
         with check (organization_id is null or organization_id = ${CURRENT_ORGANIZATION})`,
      `grant select, insert on audit_log to ${RUNTIME_ROLE}`,
      `grant select on audit_chains to ${RUNTIME_ROLE}`,

      `create function audit_log_chain() returns trigger
         language plpgsql security definer set search_path = pg_catalog, public as $$
       declare
         -- new.chain_id is generated after BEFORE triggers run: compute it the same way here.
         chain uuid := coalesce(new.organization_id, ${PLATFORM_CHAIN});
         last_seq bigint;
         last_hash text;
       begin
         perform pg_advisory_xact_lock(hashtextextended('audit-chain:' || chain::text, 0));
         select c.head_seq, c.head_hash::text into last_seq, last_hash from audit_chains c where c.chain_id = chain;
         if not found then
           insert into audit_chains (chain_id, organization_id) values (chain, new.organization_id);
           last_seq := 0;
           last_hash := ${GENESIS};
         end if;
         new.chain_seq := last_seq + 1;
         new.prev_hash := last_hash;
         new.hash := encode(sha256(convert_to(last_hash || '|' || new.chain_seq::text || '|' || new.content_digest::text, 'UTF8')), 'hex');
         new.pseudonymized_at := null;
         update audit_chains set head_seq = new.chain_seq, head_hash = new.hash where chain_id = chain;
         return new;
       end $$`,
      `create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`,

      `create function audit_log_refuse_change() returns trigger language plpgsql as $$
       begin
         if ${MAINTENANCE_ON} then
           return case when tg_op = 'DELETE' then old else new end;
         end if;
         raise exception 'audit_log is append-only' using errcode = '42501';
       end $$`,
      `create trigger audit_log_append_only before update or delete on audit_log
         for each row execute function audit_log_refuse_change()`,
      `create trigger audit_log_no_truncate before truncate on audit_log
         for each statement execute function audit_log_refuse_change()`,

      // Erasure (data rights): personal raw values go, their digests stay, so the chain verifies.
      `create function audit_pseudonymize_user(p_user_id uuid, p_email text) returns integer
         language plpgsql security definer set search_path = pg_catalog, public as $$
       declare
         changed integer := 0;
         n integer;
       begin
         if not (${IS_PLATFORM_ADMIN}) then
           raise exception 'only a platform administrator may pseudonymize the audit trail' using errcode = '42501';
         end if;
         perform set_config('app.audit_maintenance', 'on', true);
         update audit_log
            set personal = personal - array['ip', 'user_agent', 'actor_display', 'sso_subject'],
                pseudonymized_at = coalesce(pseudonymized_at, now())
          where (actor_id = p_user_id
                 or (p_email is not null and lower(personal #>> '{actor_display,v}') = lower(p_email)))
            and personal ?| array['ip', 'user_agent', 'actor_display', 'sso_subject'];
         get diagnostics n = row_count;
         changed := changed + n;
         update audit_log
            set personal = personal - 'changes', pseudonymized_at = coalesce(pseudonymized_at, now())
          where target_type = 'User' and target_id = p_user_id::text and personal ? 'changes';
         get diagnostics n = row_count;
         changed := changed + n;
         perform set_config('app.audit_maintenance', '', true);
         return changed;
       end $$`,

      // Retention: deletes the oldest prefix of each chain and keeps its last row's seq and hash
      // as the chain's checkpoint, from which verification starts.
      `create function audit_apply_retention(p_days integer)
         returns table (organization_id uuid, deleted bigint, checkpoint_seq bigint)
         language plpgsql security definer set search_path = pg_catalog, public as $$
       declare
         chain record;
         cutoff timestamptz;
         upto bigint;
         upto_hash text;
       begin
         if not (${IS_PLATFORM_ADMIN}) then
           raise exception 'only a platform-level job may apply audit retention' using errcode = '42501';
         end if;
         if p_days is null or p_days < 30 then
           raise exception 'audit retention must keep at least 30 days' using errcode = '22023';
         end if;
         cutoff := now() - make_interval(days => p_days);
         perform set_config('app.audit_maintenance', 'on', true);
         for chain in select c.chain_id, c.organization_id, c.head_seq, c.checkpoint_seq
                        from audit_chains c order by c.chain_id loop
           select coalesce(min(l.chain_seq) - 1, chain.head_seq) into upto
             from audit_log l where l.chain_id = chain.chain_id and l.occurred_at >= cutoff;
           continue when upto <= chain.checkpoint_seq;
           select l.hash into upto_hash from audit_log l where l.chain_id = chain.chain_id and l.chain_seq = upto;
           continue when upto_hash is null;
           delete from audit_log l where l.chain_id = chain.chain_id and l.chain_seq <= upto;
           get diagnostics deleted = row_count;
           update audit_chains c set checkpoint_seq = upto, checkpoint_hash = upto_hash, checkpoint_at = now()
            where c.chain_id = chain.chain_id;
           organization_id := chain.organization_id;
           checkpoint_seq := upto;
           return next;
         end loop;
         perform set_config('app.audit_maintenance', '', true);
       end $$`,
      ...['audit_pseudonymize_user(uuid, text)', 'audit_apply_retention(integer)'].flatMap((fn) => [
        `revoke all on function ${fn} from public`,
        `grant execute on function ${fn} to ${RUNTIME_ROLE}`,
      ]),

      // The admin role of every organization may read its trail (new ones get it from the catalogue).
      `alter table roles no force row level security`,
      `update roles set permissions = array_append(permissions, 'audit:read')
        where code = 'admin' and is_builtin and not ('audit:read' = any(permissions))`,
      `alter table roles force row level security`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `alter table roles no force row level security`,
      `update roles set permissions = array_remove(permissions, 'audit:read')`,
      `alter table roles force row level security`,
      `drop function if exists audit_apply_retention(integer)`,
      `drop function if exists audit_pseudonymize_user(uuid, text)`,
      `drop table if exists audit_log`,
      `drop table if exists audit_chains`,
      `drop function if exists audit_log_refuse_change()`,
      `drop function if exists audit_log_chain()`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
