import type { EffectiveGrant } from './ability';

export interface MembershipGrants {
  member: boolean;
  grants: EffectiveGrant[];
}

/**
 * Port: where the caller's grants in an organization come from. The identity context implements it;
 * it runs inside the request transaction, already scoped to that organization.
 */
export abstract class AuthorizationSource {
  abstract grantsOf(userId: string, organizationId: string): Promise<MembershipGrants>;
}
