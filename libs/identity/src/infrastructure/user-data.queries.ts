import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { ApiKeyQueries, ApiKeyView } from './api-key.queries';
import { iso } from './iso-timestamp';

/** The account as a data export shows it: never its password hash. */
export interface AccountDataView {
  id: string;
  email: string;
  full_name: string;
  is_active: boolean;
  is_platform_admin: boolean;
  home_organization_id: string | null;
  has_password: boolean;
  failed_login_count: number;
  locked_until: string | null;
  last_login_at: string | null;
  erased_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SsoLinkDataView {
  issuer: string;
  subject: string;
  created_at: string;
}

/** One refresh token of a session family: metadata only, never the token or its hash. */
export interface SessionDataView {
  id: string;
  family_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface MembershipDataView {
  organization: { id: string; name: string; code: string };
  department: { id: string; name: string; code: string } | null;
  is_active: boolean;
  joined_at: string;
}

export interface RoleGrantDataView {
  id: string;
  organization_id: string;
  role: { id: string; code: string; name: string };
  department_id: string | null;
  source: string;
  created_at: string;
}

/** What identity holds about a user in the transaction's organization. */
export interface OrganizationIdentityData {
  membership: MembershipDataView | null;
  role_grants: RoleGrantDataView[];
  api_keys: ApiKeyView[];
}

type Stamp = Date | null;
const isoOrNull = (value: Stamp): string | null => (value ? iso(value) : null);

/**
 * Read facade for data rights: everything the identity context holds about one user. Account-wide
 * reads work in any scope; `inOrganization` reads the transaction's organization (switch to it
 * first), under the ordinary row-level security.
 */
@Injectable()
export class UserDataQueries {
  constructor(
    private readonly tx: RequestTransaction,
    private readonly apiKeys: ApiKeyQueries,
  ) {}

  /** Organizations the user has or had a membership in, or appears in the audit trail of. */
  async organizationsOf(userId: string): Promise<string[]> {
    const rows = await this.tx.manager.query<{ id: string }[]>(
      `select o as id from user_data_organizations($1) o order by 1`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async account(userId: string): Promise<AccountDataView | null> {
    const [row] = await this.tx.manager.query<
      (Omit<AccountDataView, 'locked_until' | 'last_login_at' | 'erased_at' | 'created_at' | 'updated_at'> & {
        locked_until: Stamp;
        last_login_at: Stamp;
        erased_at: Stamp;
        created_at: Date;
        updated_at: Date;
      })[]
    >(
      `select id, email, full_name, is_active, is_platform_admin, home_organization_id,
              password_hash is not null as has_password, failed_login_count, locked_until, last_login_at,
              erased_at, created_at, updated_at
         from users where id = $1`,
      [userId],
    );
    if (!row) return null;
    return {
      ...row,
      locked_until: isoOrNull(row.locked_until),
      last_login_at: isoOrNull(row.last_login_at),
      erased_at: isoOrNull(row.erased_at),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
    };
  }

  async ssoLinks(userId: string): Promise<SsoLinkDataView[]> {
    const rows = await this.tx.manager.query<(Omit<SsoLinkDataView, 'created_at'> & { created_at: Date })[]>(
      `select issuer, subject, created_at from user_identities where user_id = $1 order by created_at, id`,
      [userId],
    );
    return rows.map((r) => ({ ...r, created_at: iso(r.created_at) }));
  }

  async sessions(userId: string): Promise<SessionDataView[]> {
    const rows = await this.tx.manager.query<
      {
        id: string;
        family_id: string;
        created_at: Date;
        expires_at: Date;
        used_at: Stamp;
        revoked_at: Stamp;
      }[]
    >(
      `select id, family_id, created_at, expires_at, used_at, revoked_at
         from refresh_tokens where user_id = $1 order by created_at, id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      family_id: r.family_id,
      created_at: iso(r.created_at),
      expires_at: iso(r.expires_at),
      used_at: isoOrNull(r.used_at),
      revoked_at: isoOrNull(r.revoked_at),
    }));
  }

  /** Remembered answers of requests sent with an Idempotency-Key (the user's own, or any for an administrator). */
  async idempotencyRecordCount(userId: string): Promise<number> {
    const [row] = await this.tx.manager.query<{ n: number }[]>(
      `select count(*)::int as n from idempotency_records where user_id = $1`,
      [userId],
    );
    return row.n;
  }

  async inOrganization(organizationId: string, userId: string): Promise<OrganizationIdentityData> {
    const [membership] = await this.tx.manager.query<
      {
        org_id: string;
        org_name: string;
        org_code: string;
        dep_id: string | null;
        dep_name: string | null;
        dep_code: string | null;
        is_active: boolean;
        joined_at: Date;
      }[]
    >(
      `select o.id as org_id, o.name as org_name, o.code as org_code, d.id as dep_id, d.name as dep_name,
              d.code as dep_code, m.is_active, m.joined_at
         from memberships m join organizations o on o.id = m.organization_id
         left join departments d on d.organization_id = m.organization_id and d.id = m.department_id
        where m.organization_id = $1 and m.user_id = $2`,
      [organizationId, userId],
    );
    const grants = await this.tx.manager.query<
      {
        id: string;
        role_id: string;
        role_code: string;
        role_name: string;
        department_id: string | null;
        source: string;
        created_at: Date;
      }[]
    >(
      `select g.id, g.role_id, r.code as role_code, r.name as role_name, g.department_id, g.source, g.created_at
         from role_grants g join roles r on r.organization_id = g.organization_id and r.id = g.role_id
        where g.organization_id = $1 and g.user_id = $2 order by g.created_at, g.id`,
      [organizationId, userId],
    );
    return {
      membership: membership
        ? {
            organization: { id: membership.org_id, name: membership.org_name, code: membership.org_code },
            department:
              membership.dep_id && membership.dep_name && membership.dep_code
                ? { id: membership.dep_id, name: membership.dep_name, code: membership.dep_code }
                : null,
            is_active: membership.is_active,
            joined_at: iso(membership.joined_at),
          }
        : null,
      role_grants: grants.map((g) => ({
        id: g.id,
        organization_id: organizationId,
        role: { id: g.role_id, code: g.role_code, name: g.role_name },
        department_id: g.department_id,
        source: g.source,
        created_at: iso(g.created_at),
      })),
      api_keys: await this.apiKeys.allOf(userId, organizationId),
    };
  }
}
