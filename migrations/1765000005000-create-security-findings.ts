import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';
import { CURRENT_ORGANIZATION, protectTenantTable } from './support/rls';

const PLATFORM_CHAIN = `'00000000-0000-0000-0000-000000000000'::uuid`;
const FAMILY_ID = `case when l.details ->> 'family_id' ~ '^[0-9a-f-]{36}$' then (l.details ->> 'family_id')::uuid end`;
const PERMISSIONS = `array['security:read', 'security:scan']`;

/**
 * Security audit automation (issue 3, point 5): the findings of the security scans, and two
 * read-only SECURITY DEFINER functions through which a scan of one organization sees the
 * authentication events of its members. Those events live in the platform chain of the audit
 * trail (organization null), which the runtime role may read only as a platform administrator;
 * the functions return only the rows of accounts that are active members of the organization in
 * `app.organization_id` (nothing when it is unset or another one is named), so no other tenant's
 * events are exposed.
 */
export class CreateSecurityFindings1765000005000 implements MigrationInterface {
  name = 'CreateSecurityFindings1765000005000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create table security_findings (
        id uuid primary key,
        organization_id uuid not null references organizations(id) on delete cascade,
        type varchar(30) not null
          check (type in ('access_anomaly', 'dormant_account', 'privilege_escalation', 'session_anomaly')),
        rule varchar(50) not null,
        severity varchar(10) not null check (severity in ('low', 'medium', 'high', 'critical')),
        subject_type varchar(20) not null,
        subject_id varchar(200) not null,
        summary varchar(500) not null,
        evidence jsonb not null default '{}',
        dedupe_key varchar(300) not null,
        status varchar(10) not null default 'open' check (status in ('open', 'resolved')),
        detected_at timestamptz not null,
        last_detected_at timestamptz not null,
        occurrences integer not null default 1
      )`,
      `create unique index security_findings_open_key on security_findings (organization_id, dedupe_key)
         where status = 'open'`,
      `create index security_findings_list_idx on security_findings (organization_id, detected_at desc)`,
      ...protectTenantTable('security_findings'),

      `create function security_scan_auth_events(p_organization_id uuid, p_since timestamptz)
         returns table (id uuid, occurred_at timestamptz, action text, outcome text, user_id uuid,
                        ip text, user_agent text, family_id text)
         language sql stable security definer set search_path = pg_catalog, public as $$
         select l.id, l.occurred_at, l.action::text, l.outcome::text, a.user_id,
                l.personal #>> '{ip,v}', l.personal #>> '{user_agent,v}', l.details ->> 'family_id'
           from audit_log l
           cross join lateral (
             select coalesce(l.actor_id,
                             (select t.user_id from refresh_tokens t where t.family_id = ${FAMILY_ID} limit 1))
                    as user_id) a
          where p_organization_id = ${CURRENT_ORGANIZATION}
            and l.chain_id in (p_organization_id, ${PLATFORM_CHAIN})
            and l.occurred_at >= p_since
            and l.action in ('auth.login', 'auth.refresh', 'auth.refresh_reuse')
            and exists (select 1 from memberships m
                         where m.organization_id = p_organization_id and m.user_id = a.user_id and m.is_active)
       $$`,
      `create function security_scan_last_seen()
         returns table (user_id uuid, last_seen_at timestamptz)
         language sql stable security definer set search_path = pg_catalog, public as $$
         select m.user_id,
                greatest(u.last_login_at,
                         (select max(l.occurred_at) from audit_log l
                           where l.actor_id = m.user_id and l.outcome = 'success'
                             and (l.chain_id = m.organization_id
                                  or (l.chain_id = ${PLATFORM_CHAIN}
                                      and l.action in ('auth.login', 'auth.refresh', 'auth.sso_first_login')))))
           from memberships m join users u on u.id = m.user_id
          where m.organization_id = ${CURRENT_ORGANIZATION} and m.is_active
       $$`,
      ...['security_scan_auth_events(uuid, timestamptz)', 'security_scan_last_seen()'].flatMap((fn) => [
        `revoke all on function ${fn} from public`,
        `grant execute on function ${fn} to ${RUNTIME_ROLE}`,
      ]),

      // The admin role of every organization may read findings and run scans (new ones get them from the catalogue).
      `alter table roles no force row level security`,
      `update roles set permissions = array(select p from unnest(permissions || ${PERMISSIONS}) p group by p order by p collate "C")
        where code = 'admin' and is_builtin and not (permissions @> ${PERMISSIONS})`,
      `alter table roles force row level security`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `alter table roles no force row level security`,
      `update roles set permissions = array(select p from unnest(permissions) p where p <> all (${PERMISSIONS}))`,
      `alter table roles force row level security`,
      `drop function if exists security_scan_last_seen()`,
      `drop function if exists security_scan_auth_events(uuid, timestamptz)`,
      `drop table if exists security_findings`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
