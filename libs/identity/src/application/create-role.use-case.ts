import { Injectable } from '@nestjs/common';
import { InvalidField, ResourceAlreadyExists, RoleLevel } from '@erp/kernel';
import { Actor } from '@erp/platform';
import { RoleRepository } from '../domain/ports';
import { effectiveLevel, Role } from '../domain/role';
import { assertMayConferLevel } from './access';
import { roleTree } from './role-tree';

export interface CreateRoleInput {
  code: string;
  name: string;
  description?: string | null;
  parentId?: string | null;
  permissions: string[];
  level?: RoleLevel;
}

/** Creates a custom role of catalogue permissions, optionally inheriting from a role of the same organization. */
@Injectable()
export class CreateRoleUseCase {
  constructor(private readonly roles: RoleRepository) {}

  async execute(input: CreateRoleInput, actor: Actor): Promise<Role> {
    const organizationId = actor.requireOrganization();
    actor.assertCan('create', Role.modelName);
    const role = Role.create(organizationId, input);
    if (role.parentId && !(await this.roles.findById(organizationId, role.parentId))) {
      throw new InvalidField('parent_id', 'No such role in this organization', role.parentId);
    }
    const tree = roleTree([...(await this.roles.listAll(organizationId)), role]);
    assertMayConferLevel(actor, 'create', effectiveLevel(role.id, tree));
    if (await this.roles.findByCode(organizationId, role.code))
      throw new ResourceAlreadyExists(Role.modelName, 'code');
    await this.roles.save(role);
    return role;
  }
}
