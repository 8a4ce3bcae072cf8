import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import type { MemberActivity } from '../domain/security/dormant-accounts';
import type { RecentGrant, RoleChange } from '../domain/security/privilege-escalation';
import { ScannedOrganizations, SecurityScanSource } from '../domain/security/scan-ports';
import type { AuthEvent } from '../domain/security/security-finding';
import { chainIdOf } from './audit-rows';

/** Each role's effective level rank (1 member, 2 manager, 3 admin): its own or its highest ancestor's. */
const ROLE_RANKS = `with recursive chain (role_id, ancestor_id, level, depth) as (
    select r.id, r.parent_id, r.level, 0 from roles r where r.organization_id = $1
    union all
    select c.role_id, p.parent_id, p.level, c.depth + 1
      from chain c join roles p on p.organization_id = $1 and p.id = c.ancestor_id
     where c.depth < 64
  ), ranks as (
    select role_id, max(array_position(array['member', 'manager', 'admin']::text[], level::text)) as rank
      from chain group by role_id
  )`;

/**
 * Reads what a scan needs in the open transaction. Authentication events and last sign-ins come
 * through the migration's SECURITY DEFINER functions (they live in the platform chain); every
 * other query names the organization explicitly, because some tables also show the caller's own
 * rows of other organizations.
 */
@Injectable()
export class SqlSecurityScanSource extends SecurityScanSource {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async authEvents(organizationId: string, since: Date): Promise<AuthEvent[]> {
    const rows = await this.tx.manager.query<
      {
        id: string;
        occurred_at: Date;
        action: string;
        outcome: string;
        user_id: string | null;
        ip: string | null;
        user_agent: string | null;
        family_id: string | null;
      }[]
    >(`select * from security_scan_auth_events($1, $2) order by occurred_at, id`, [organizationId, since]);
    return rows.map((r) => ({
      id: r.id,
      at: r.occurred_at,
      action: r.action,
      outcome: r.outcome,
      userId: r.user_id,
      ip: r.ip,
      userAgent: r.user_agent,
      familyId: r.family_id,
    }));
  }

  async members(organizationId: string): Promise<MemberActivity[]> {
    const rows = await this.tx.manager.query<
      { user_id: string; joined_at: Date; last_seen_at: Date | null; admin_level: boolean }[]
    >(
      `${ROLE_RANKS}
       select m.user_id, m.joined_at, s.last_seen_at,
              exists (select 1 from role_grants g join ranks k on k.role_id = g.role_id
                       where g.organization_id = $1 and g.user_id = m.user_id and k.rank = 3) as admin_level
         from memberships m
         join users u on u.id = m.user_id and u.is_active
         left join security_scan_last_seen() s on s.user_id = m.user_id
        where m.organization_id = $1 and m.is_active
        order by m.user_id`,
      [organizationId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      joinedAt: r.joined_at,
      lastSeenAt: r.last_seen_at,
      adminLevel: r.admin_level,
    }));
  }

  async grantsSince(organizationId: string, since: Date): Promise<RecentGrant[]> {
    const rows = await this.tx.manager.query<
      {
        id: string;
        user_id: string;
        role_id: string;
        code: string;
        rank: number;
        granted_by: string | null;
        source: string;
        created_at: Date;
        founding: boolean;
      }[]
    >(
      `${ROLE_RANKS}
       select g.id, g.user_id, g.role_id, r.code, k.rank, g.granted_by, g.source, g.created_at,
              (g.granted_by = g.user_id and g.created_at = o.created_at) as founding
         from role_grants g
         join roles r on r.organization_id = g.organization_id and r.id = g.role_id
         join ranks k on k.role_id = g.role_id
         join organizations o on o.id = g.organization_id
        where g.organization_id = $1 and g.created_at >= $2
        order by g.created_at, g.id`,
      [organizationId, since],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      roleId: r.role_id,
      roleCode: r.code,
      level: ['member', 'manager', 'admin'][r.rank - 1] ?? 'member',
      grantedBy: r.granted_by,
      source: r.source,
      grantedAt: r.created_at,
      founding: r.founding,
    }));
  }

  async roleChangesSince(organizationId: string, since: Date): Promise<RoleChange[]> {
    const rows = await this.tx.manager.query<
      {
        id: string;
        target_id: string;
        actor_id: string | null;
        occurred_at: Date;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }[]
    >(
      `select l.id, l.target_id, l.actor_id, l.occurred_at,
              l.personal #> '{changes,v,before}' as before, l.personal #> '{changes,v,after}' as after
         from audit_log l
        where l.chain_id = $1 and l.occurred_at >= $2 and l.action = 'role.update'
          and l.outcome = 'success' and l.target_id is not null
        order by l.chain_seq`,
      [chainIdOf(organizationId), since],
    );
    return rows.map((r) => ({
      auditId: r.id,
      roleId: r.target_id,
      actorId: r.actor_id,
      at: r.occurred_at,
      before: r.before,
      after: r.after,
    }));
  }
}

/** Active organizations, as a platform-level job sees them. */
@Injectable()
export class SqlScannedOrganizations extends ScannedOrganizations {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async activeIds(): Promise<string[]> {
    const rows = await this.tx.manager.query<{ id: string }[]>(
      `select id from organizations where is_active order by created_at, id`,
    );
    return rows.map((r) => r.id);
  }
}
