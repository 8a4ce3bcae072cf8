import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuthorizationSource, RequestTransaction } from '@erp/platform';
import { isKnownPermission } from '../domain/permission-catalogue';
import { MembershipRepository, OrganizationRepository, UserRepository } from '../domain/ports';
import type { User } from '../domain/user';
import { effectivePermissionsIn } from './effective-permissions';

export interface MyOrganization {
  id: string;
  name: string;
  code: string;
  permissions: string[];
}

/**
 * The caller, its organizations and its effective permissions in each (inherited ones included).
 * Called with an API key: only the key's organization, with the key's own (scoped) permissions.
 */
@Injectable()
export class GetMeUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly organizations: OrganizationRepository,
    private readonly authorization: AuthorizationSource,
  ) {}

  async execute(actor: Actor): Promise<{ user: User; organizations: MyOrganization[] }> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new ResourceNotFound('User', actor.userId);
    const keyOrganization = actor.apiKeyId ? actor.organizationId : null;
    const organizationIds = keyOrganization
      ? [keyOrganization]
      : await this.memberships.activeOrganizationsOf(actor.userId);
    const organizations: MyOrganization[] = [];
    for (const organizationId of organizationIds) {
      await this.transaction.switchOrganization(organizationId);
      const organization = await this.organizations.findById(organizationId);
      const permissions = keyOrganization
        ? actor.permissions.filter(isKnownPermission)
        : await effectivePermissionsIn(this.authorization, actor.userId, organizationId);
      if (organization)
        organizations.push({
          id: organization.id,
          name: organization.name,
          code: organization.code,
          permissions,
        });
    }
    return { user, organizations: organizations.sort((a, b) => a.name.localeCompare(b.name)) };
  }
}
