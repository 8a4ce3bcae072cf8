import { Injectable } from '@nestjs/common';
import { Clock, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { ApiKeyRepository } from '../domain/api-key.repository';
import { MembershipRepository, RoleGrantRepository } from '../domain/ports';
import { User } from '../domain/user';
import { assertRecordAccess } from './access';

/**
 * Ends a membership (the account stays), removes the member's role grants in the organization and
 * revokes the member's API keys there (they stay revoked should the member come back).
 */
@Injectable()
export class RemoveMemberUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly grants: RoleGrantRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly audit: AuditContext,
  ) {}

  async execute(userId: string, actor: Actor): Promise<void> {
    const organizationId = actor.requireOrganization();
    const membership = await this.memberships.find(organizationId, userId, { forUpdate: true });
    if (!membership?.isActive) throw new ResourceNotFound(User.modelName);
    assertRecordAccess(actor, 'delete', User.modelName, { departmentId: membership.departmentId });
    await this.grants.removeAllForUser(organizationId, userId);
    await this.apiKeys.revokeAllOf(organizationId, userId, this.clock.now());
    const before = { ...membership };
    membership.end();
    await this.memberships.save(membership);
    this.audit.changed(User.modelName, userId, before, membership);
  }
}
