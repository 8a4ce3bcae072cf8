import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuthorizationSource, defineAbility, RequestTransaction } from '@erp/platform';
import { MembershipRepository, OrganizationRepository, UserRepository } from '../domain/ports';
import type { User } from '../domain/user';

export interface MyOrganization {
  id: string;
  name: string;
  code: string;
  permissions: string[];
}

/** The caller, its organizations and its effective permissions in each (inherited ones included). */
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
    const organizations: MyOrganization[] = [];
    for (const organizationId of await this.memberships.activeOrganizationsOf(actor.userId)) {
      await this.transaction.switchOrganization(organizationId);
      const organization = await this.organizations.findById(organizationId);
      const { grants } = await this.authorization.grantsOf(actor.userId, organizationId);
      const permissions = new Actor(actor.userId, false, organizationId, defineAbility(grants, false))
        .permissions;
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
