import type { Department, DepartmentUsage } from './department';
import type { Membership } from './membership';
import type { Organization } from './organization';
import type { Role } from './role';
import type { RoleGrant } from './role-grant';
import type { User } from './user';
import type { UserIdentity } from './user-identity';

export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  /** Verifies against `hash`, or against a dummy hash when there is none, so timing does not tell. */
  abstract verify(hash: string | null, password: string): Promise<boolean>;
}

/** `forUpdate` locks the row until the request's transaction ends, so concurrent changes queue up. */
export interface FindOptions {
  forUpdate?: boolean;
}

export abstract class UserRepository {
  abstract findById(id: string, options?: FindOptions): Promise<User | null>;
  abstract findByEmail(email: string): Promise<User | null>;
  abstract countAll(): Promise<number>;
  abstract save(user: User): Promise<void>;
}

export abstract class OrganizationRepository {
  abstract findById(id: string): Promise<Organization | null>;
  abstract codeTaken(code: string): Promise<boolean>;
  abstract save(organization: Organization): Promise<void>;
}

export abstract class MembershipRepository {
  abstract find(organizationId: string, userId: string, options?: FindOptions): Promise<Membership | null>;
  /** Active memberships of a user across organizations (visible through the own-rows policy). */
  abstract activeOrganizationsOf(userId: string): Promise<string[]>;
  abstract save(membership: Membership): Promise<void>;
}

export abstract class DepartmentRepository {
  abstract findById(organizationId: string, id: string, options?: FindOptions): Promise<Department | null>;
  abstract codeTaken(organizationId: string, code: string, exceptId?: string): Promise<boolean>;
  /** `id` followed by its ancestors up to the root (empty when `id` does not exist). */
  abstract ancestry(organizationId: string, id: string): Promise<string[]>;
  abstract usage(organizationId: string, id: string): Promise<DepartmentUsage>;
  abstract save(department: Department): Promise<void>;
  abstract remove(department: Department): Promise<void>;
}

export abstract class RoleRepository {
  abstract findById(organizationId: string, id: string, options?: FindOptions): Promise<Role | null>;
  abstract findByCode(organizationId: string, code: string): Promise<Role | null>;
  abstract listAll(organizationId: string): Promise<Role[]>;
  abstract save(role: Role): Promise<void>;
  abstract remove(role: Role): Promise<void>;
}

export abstract class RoleGrantRepository {
  abstract find(
    organizationId: string,
    userId: string,
    roleId: string,
    departmentId: string | null,
  ): Promise<RoleGrant | null>;
  abstract findById(organizationId: string, id: string): Promise<RoleGrant | null>;
  abstract listForUser(organizationId: string, userId: string): Promise<RoleGrant[]>;
  abstract countForRole(organizationId: string, roleId: string): Promise<number>;
  abstract save(grant: RoleGrant): Promise<void>;
  abstract remove(grant: RoleGrant): Promise<void>;
  /** Removes every grant of the user in the organization; returns how many there were. */
  abstract removeAllForUser(organizationId: string, userId: string): Promise<number>;
}

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
}

export type RefreshClaim =
  | { outcome: 'rotated'; userId: string; familyId: string }
  | { outcome: 'reused'; familyId: string }
  | { outcome: 'invalid' };

/** Opaque refresh tokens, stored only as hashes, rotated on use. */
export abstract class RefreshTokenStore {
  abstract issue(userId: string, familyId: string | null, expiresAt: Date): Promise<IssuedRefreshToken>;
  /** Marks the token used exactly once; a second use reports `reused`. */
  abstract claim(token: string, now: Date): Promise<RefreshClaim>;
  abstract revokeFamily(familyId: string, now: Date): Promise<void>;
  abstract familyOf(token: string): Promise<{ familyId: string; userId: string } | null>;
}

export abstract class UserIdentityRepository {
  abstract find(issuer: string, subject: string): Promise<UserIdentity | null>;
  abstract save(identity: UserIdentity): Promise<void>;
  /** Serializes work on one external identity (first use, role sync) until the transaction ends. */
  abstract lock(issuer: string, subject: string): Promise<void>;
}

/** Role grants made by the SSO role mapping (marked `sso`); grants made by hand are never touched here. */
export abstract class SsoGrantRepository {
  /** Organization ids by lower-case code (needs a scope that sees every organization). */
  abstract organizationIds(codes: string[]): Promise<Map<string, string>>;
  /** Organizations where the user holds SSO grants (the user's own rows, across organizations). */
  abstract organizationsWithGrants(userId: string): Promise<string[]>;
  /** Role ids of the user's SSO grants in the organization. */
  abstract roleIds(organizationId: string, userId: string): Promise<string[]>;
  /** Adds organization-wide SSO grants; a role the user already holds there (by hand) is left as is. */
  abstract add(organizationId: string, userId: string, roleIds: string[]): Promise<void>;
  abstract remove(organizationId: string, userId: string, roleIds: string[]): Promise<void>;
}
