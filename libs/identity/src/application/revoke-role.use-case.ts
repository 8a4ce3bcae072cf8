import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { MembershipRepository, RoleGrantRepository, RoleRepository } from '../domain/ports';
import { effectivePermissions, Role } from '../domain/role';
import { User } from '../domain/user';
import { assertMayConfer } from './access';
import { roleTree } from './role-tree';

/**
 * Revokes a role from a member: every grant of it, whatever the department. Revoking needs the
 * same standing as granting, so a lesser assigner cannot strip an administrator.
 */
@Injectable()
export class RevokeRoleUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleRepository,
    private readonly grants: RoleGrantRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(userId: string, roleId: string, actor: Actor): Promise<void> {
    const organizationId = actor.requireOrganization();
    actor.assertCan('assign', Role.modelName);
    const membership = await this.memberships.find(organizationId, userId);
    if (!membership?.isActive) throw new ResourceNotFound(User.modelName);
    const matching = (await this.grants.listForUser(organizationId, userId)).filter(
      (g) => g.roleId === roleId,
    );
    if (matching.length === 0) throw new ResourceNotFound('RoleGrant');
    assertMayConfer(
      actor,
      'assign',
      effectivePermissions(roleId, roleTree(await this.roles.listAll(organizationId))),
    );
    for (const grant of matching) await this.grants.remove(grant);
    this.audit.changed('RoleGrant', matching[0].id, { userId, roleId, grants: matching }, null);
  }
}
