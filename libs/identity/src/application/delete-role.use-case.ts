import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { RoleGrantRepository, RoleRepository } from '../domain/ports';
import { Role } from '../domain/role';

/** Deletes a custom role that no role inherits from and nobody holds any more. */
@Injectable()
export class DeleteRoleUseCase {
  constructor(
    private readonly roles: RoleRepository,
    private readonly grants: RoleGrantRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(id: string, actor: Actor): Promise<void> {
    const organizationId = actor.requireOrganization();
    const role = await this.roles.findById(organizationId, id, { forUpdate: true });
    if (!role) throw new ResourceNotFound(Role.modelName);
    actor.assertCan('delete', Role.modelName);
    const children = (await this.roles.listAll(organizationId)).filter((r) => r.parentId === role.id).length;
    role.assertRemovable({ children, grants: await this.grants.countForRole(organizationId, role.id) });
    await this.roles.remove(role);
    this.audit.changed(Role.modelName, id, role, null);
  }
}
