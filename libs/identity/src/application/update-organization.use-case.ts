import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor } from '@erp/platform';
import { Organization } from '../domain/organization';
import { OrganizationRepository } from '../domain/ports';

@Injectable()
export class UpdateOrganizationUseCase {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute(
    organizationId: string,
    changes: { name?: string; description?: string | null; isActive?: boolean },
    actor: Actor,
    expectedVersion?: (org: Organization) => void,
  ): Promise<Organization> {
    const organization = await this.organizations.findById(organizationId);
    if (!organization) throw new ResourceNotFound('Organization', organizationId);
    actor.assertCan('update', Organization.modelName);
    expectedVersion?.(organization);
    organization.rename(changes);
    await this.organizations.save(organization);
    return organization;
  }
}
