import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { MembershipRepository, RoleGrantRepository } from '../domain/ports';
import { User } from '../domain/user';
import { assertRecordAccess } from './access';

/** Ends a membership (the account stays) and removes the member's role grants in the organization. */
@Injectable()
export class RemoveMemberUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly grants: RoleGrantRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(userId: string, actor: Actor): Promise<void> {
    const organizationId = actor.requireOrganization();
    const membership = await this.memberships.find(organizationId, userId, { forUpdate: true });
    if (!membership?.isActive) throw new ResourceNotFound(User.modelName);
    assertRecordAccess(actor, 'delete', User.modelName, { departmentId: membership.departmentId });
    await this.grants.removeAllForUser(organizationId, userId);
    const before = { ...membership };
    membership.end();
    await this.memberships.save(membership);
    this.audit.changed(User.modelName, userId, before, membership);
  }
}
