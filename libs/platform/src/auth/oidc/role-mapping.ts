import { createHash } from 'node:crypto';
import { RoleMappingRule, ROLE_CLAIM } from '../../config/oidc-role-mapping';

/** A role (by code) in an organization (by code), as the role mapping grants it. */
export interface MappedGrant {
  organization: string;
  role: string;
}

export interface MappedRoles {
  /** What this token's roles grant, deduplicated and sorted. */
  grants: MappedGrant[];
  /** Every organization the mapping manages for this realm: mapped grants there are kept in sync. */
  organizations: string[];
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The role names under `realm_access.roles` or `resource_access.<client>.roles` of a token. */
export function rolesInClaim(claims: Record<string, unknown>, claim: string): string[] {
  const match = ROLE_CLAIM.exec(claim);
  if (!match) return [];
  const holder = match[1] === undefined ? claims.realm_access : asRecord(claims.resource_access)?.[match[1]];
  const roles = asRecord(holder)?.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

const key = (g: MappedGrant): string => `${g.organization.toLowerCase()}\u0000${g.role}`;

/** Applies the rules of `OIDC_ROLE_MAPPING` that concern `issuer` to a verified token's claims. */
export function mapRoles(
  claims: Record<string, unknown>,
  issuer: string,
  rules: readonly RoleMappingRule[],
): MappedRoles {
  const grants = new Map<string, MappedGrant>();
  const organizations = new Set<string>();
  for (const rule of rules) {
    if (rule.issuer !== undefined && rule.issuer !== issuer) continue;
    organizations.add(rule.organization.toLowerCase());
    if (rolesInClaim(claims, rule.claim).includes(rule.value)) {
      const grant = { organization: rule.organization.toLowerCase(), role: rule.role };
      grants.set(key(grant), grant);
    }
  }
  return {
    grants: [...grants.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g),
    organizations: [...organizations].sort(),
  };
}

/** A stable digest of a set of mapped grants: equal sets, in any order, give the same hash. */
export function grantsHash(grants: readonly MappedGrant[]): string {
  const keys = [...new Set(grants.map(key))].sort();
  return createHash('sha256').update(JSON.stringify(keys)).digest('hex');
}
