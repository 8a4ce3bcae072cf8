import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Organization } from '../domain/organization';
import { OrganizationRepository } from '../domain/ports';

@Injectable()
export class UpdateOrganizationUseCase {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly audit: AuditContext,
  ) {}

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
    const before = { ...organization };
    organization.rename(changes);
    await this.organizations.save(organization);
    this.audit.changed(Organization.modelName, organization.id, before, organization);
    return organization;
  }
}
