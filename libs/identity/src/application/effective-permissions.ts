import { Actor, AuthorizationSource, defineAbility } from '@erp/platform';

/**
 * What a user holds in an organization, organization-wide or in some department, inherited
 * permissions included. Runs in the request transaction, which must be in that organization.
 */
export async function effectivePermissionsIn(
  authorization: AuthorizationSource,
  userId: string,
  organizationId: string,
): Promise<string[]> {
  const { grants } = await authorization.grantsOf(userId, organizationId);
  return new Actor(userId, false, organizationId, defineAbility(grants, false)).permissions;
}
