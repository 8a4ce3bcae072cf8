import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';
import { CURRENT_USER_ID, IS_PLATFORM_ADMIN } from './support/rls';

/**
 * Data rights (issue 3, point 7): export everything held about a user, and erase a user.
 *
 * - `users.erased_at`: when the account was anonymized (it keeps its id, which history points at).
 * - `user_data_organizations(user)`: the organizations a user has or had a membership in or appears
 *   in the audit trail of (actor or target), so an export or erasure can visit each one with the
 *   transaction switched to it, under the ordinary row-level security. SECURITY DEFINER, owned by
 *   the migration owner; it answers only the user themself or a platform administrator, and it
 *   returns organization ids, nothing else. The owner reads memberships through a policy of its own
 *   (FORCE applies to owners), as for API keys.
 * - `idempotency_records`: a platform administrator may count (export) and delete (erasure) another
 *   user's remembered answers; everyone else still sees only their own.
 * - `audit_log`: a user may read their own platform-level rows (sign-ins...), for their own export.
 * - `user_identities`: the runtime role may delete SSO links (erasure removes them).
 */
export class AddDataRights1765000006000 implements MigrationInterface {
  name = 'AddDataRights1765000006000';

  async up(db: QueryRunner): Promise<void> {
    const [{ owner }] = (await db.query(`select quote_ident(current_user) as owner`)) as { owner: string }[];
    const statements = [
      `alter table users add column erased_at timestamptz`,
      `grant delete on user_identities to ${RUNTIME_ROLE}`,
      `create policy platform_admin_read on idempotency_records for select using (${IS_PLATFORM_ADMIN})`,
      `create policy platform_admin_erase on idempotency_records for delete using (${IS_PLATFORM_ADMIN})`,
      `create policy audit_read_own_platform_rows on audit_log for select to ${RUNTIME_ROLE}
         using (organization_id is null and actor_id = ${CURRENT_USER_ID})`,
      `create policy data_rights_lookup on memberships for select to ${owner} using (true)`,
      `create function user_data_organizations(p_user_id uuid) returns setof uuid
         language plpgsql stable security definer set search_path = pg_catalog, public as $$
       begin
         if not (${IS_PLATFORM_ADMIN} or p_user_id = ${CURRENT_USER_ID}) then
           raise exception 'only the user or a platform administrator may list their organizations'
             using errcode = '42501';
         end if;
         return query
           select m.organization_id from memberships m where m.user_id = p_user_id
           union
           select l.organization_id from audit_log l
            where l.organization_id is not null and l.actor_id = p_user_id
           union
           select l.organization_id from audit_log l
            where l.organization_id is not null and l.target_type = 'User' and l.target_id = p_user_id::text;
       end $$`,
      `revoke all on function user_data_organizations(uuid) from public`,
      `grant execute on function user_data_organizations(uuid) to ${RUNTIME_ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `drop function if exists user_data_organizations(uuid)`,
      `drop policy if exists data_rights_lookup on memberships`,
      `drop policy if exists audit_read_own_platform_rows on audit_log`,
      `drop policy if exists platform_admin_erase on idempotency_records`,
      `drop policy if exists platform_admin_read on idempotency_records`,
      `revoke delete on user_identities from ${RUNTIME_ROLE}`,
      `alter table users drop column if exists erased_at`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
