import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';
import { allowOwnRows, protectTenantTable } from './support/rls';

/**
 * API keys: a tenant table (one organization per key) under row-level security, readable by its
 * owner across organizations (GET /me/api-keys). Only a SHA-256 of the key is stored.
 *
 * Authentication must find a key before any organization is known. Two SECURITY DEFINER
 * functions, owned by the migration owner, do exactly that and nothing more: one returns the
 * single key with a given lookup id (and whether its owner's account is active), the other stamps `last_used_at` on a key whose hash it is given. The
 * owner reaches the rows through policies granted to itself only (FORCE applies to owners), so
 * the runtime role has no other way to read another organization's keys.
 */
export class CreateApiKeys1765000001000 implements MigrationInterface {
  name = 'CreateApiKeys1765000001000';

  async up(db: QueryRunner): Promise<void> {
    const [{ owner }] = (await db.query(`select quote_ident(current_user) as owner`)) as { owner: string }[];
    const statements = [
      `create table api_keys (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        name varchar(100) not null,
        lookup_id char(16) not null,
        secret_hash char(64) not null,
        scopes text[],
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz not null default now(),
        foreign key (organization_id, user_id) references memberships (organization_id, user_id)
      )`,
      `create unique index api_keys_lookup_key on api_keys (lookup_id)`,
      `create index api_keys_user_idx on api_keys (user_id, created_at desc)`,
      `create index api_keys_organization_user_idx on api_keys (organization_id, user_id) where revoked_at is null`,
      ...protectTenantTable('api_keys'),
      allowOwnRows('api_keys'),
      `create policy authentication_lookup on api_keys for select to ${owner} using (true)`,
      `create policy authentication_touch on api_keys for update to ${owner} using (true) with check (true)`,

      `create function api_key_for_authentication(p_lookup_id text)
         returns table (id uuid, organization_id uuid, user_id uuid, secret_hash text, scopes text[],
                        expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz,
                        owner_active boolean)
         language sql stable security definer set search_path = pg_catalog, public
       as $$
         select k.id, k.organization_id, k.user_id, k.secret_hash::text, k.scopes, k.expires_at,
                k.revoked_at, k.last_used_at,
                u.is_active as owner_active
         from api_keys k join users u on u.id = k.user_id
         where k.lookup_id = p_lookup_id
       $$`,
      `create function api_key_touch(p_id uuid, p_secret_hash text, p_at timestamptz)
         returns void
         language sql volatile security definer set search_path = pg_catalog, public
       as $$
         update api_keys set last_used_at = p_at
         where id = p_id and secret_hash = p_secret_hash
           and (last_used_at is null or last_used_at < p_at - interval '60 seconds')
       $$`,
      `revoke all on function api_key_for_authentication(text) from public`,
      `revoke all on function api_key_touch(uuid, text, timestamptz) from public`,
      `grant execute on function api_key_for_authentication(text) to ${RUNTIME_ROLE}`,
      `grant execute on function api_key_touch(uuid, text, timestamptz) to ${RUNTIME_ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function if exists api_key_touch(uuid, text, timestamptz)`);
    await db.query(`drop function if exists api_key_for_authentication(text)`);
    await db.query(`drop table if exists api_keys`);
  }
}
