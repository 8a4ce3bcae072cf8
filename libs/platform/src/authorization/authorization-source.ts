import type { EffectiveGrant } from './ability';
import type { PolicySet } from './policy/policy-set';

export interface MembershipGrants {
  member: boolean;
  grants: EffectiveGrant[];
  /** The organization's policies, ready for this user at this moment (none: no policy applies). */
  policies?: PolicySet;
}

/** The account behind a principal, as stored now (a token may be older than a change). */
export interface AccountStatus {
  /** False once deactivated or erased: its tokens stop working at once. */
  active: boolean;
  platformAdmin: boolean;
}

/**
 * Port: where the caller's grants in an organization come from. The identity context implements it;
 * it runs inside the request transaction, already scoped to that organization.
 */
export abstract class AuthorizationSource {
  abstract grantsOf(userId: string, organizationId: string): Promise<MembershipGrants>;

  /** The account's current status; outside any transaction (checked before one opens). */
  abstract accountOf(userId: string): Promise<AccountStatus>;
}
