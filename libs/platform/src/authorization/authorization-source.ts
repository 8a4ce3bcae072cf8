import type { EffectiveGrant } from './ability';
import type { PolicySet } from './policy/policy-set';

export interface MembershipGrants {
  member: boolean;
  grants: EffectiveGrant[];
  /** The organization's policies, ready for this user at this moment (none: no policy applies). */
  policies?: PolicySet;
}

/**
 * Port: where the caller's grants in an organization come from. The identity context implements it;
 * it runs inside the request transaction, already scoped to that organization.
 */
export abstract class AuthorizationSource {
  abstract grantsOf(userId: string, organizationId: string): Promise<MembershipGrants>;
}
