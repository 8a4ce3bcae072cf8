import { Injectable } from '@nestjs/common';
import { InvalidField, ResourceAlreadyExists, ResourceNotFound, RoleLevel } from '@erp/kernel';
import { Actor, AuditContext, RequestTransaction } from '@erp/platform';
import { RoleRepository } from '../domain/ports';
import { effectiveLevel, effectivePermissions, Role } from '../domain/role';
import { assertMayConfer, assertMayConferLevel } from './access';
import { roleTree } from './role-tree';

export interface UpdateRoleInput {
  code?: string;
  name?: string;
  description?: string | null;
  /** `null`: inherit from nothing. */
  parentId?: string | null;
  permissions?: string[];
  level?: RoleLevel;
}

/**
 * Changes a role. Built-in roles keep their code and `admin` keeps every permission; the parent
 * must not close a loop; and the caller may not widen a role with permissions it does not hold
 * itself (everyone holding the role, or a descendant, would gain them).
 */
@Injectable()
export class UpdateRoleUseCase {
  constructor(
    private readonly roles: RoleRepository,
    private readonly transaction: RequestTransaction,
    private readonly audit: AuditContext,
  ) {}

  async execute(
    id: string,
    changes: UpdateRoleInput,
    actor: Actor,
    precondition?: (version: number) => void,
  ): Promise<Role> {
    const organizationId = actor.requireOrganization();
    // Two concurrent re-parentings could each pass the cycle check and close a loop together.
    if (changes.parentId !== undefined) await this.transaction.lock(`role-tree:${organizationId}`);
    const role = await this.roles.findById(organizationId, id, { forUpdate: true });
    if (!role) throw new ResourceNotFound(Role.modelName);
    actor.assertCan('update', Role.modelName);
    precondition?.(role.version);
    const unchanged = { ...role, permissions: [...role.permissions] };

    const tree = roleTree(await this.roles.listAll(organizationId));
    const before = effectivePermissions(role.id, tree);
    const levelBefore = effectiveLevel(role.id, tree);
    if (changes.code !== undefined && changes.code.trim() !== role.code) {
      role.changeCode(changes.code);
      if (await this.roles.findByCode(organizationId, role.code))
        throw new ResourceAlreadyExists(Role.modelName, 'code');
    }
    role.describe(changes);
    if (changes.permissions !== undefined) role.replacePermissions(changes.permissions);
    if (changes.level !== undefined) role.changeLevel(changes.level);
    if (changes.parentId !== undefined && changes.parentId !== role.parentId) {
      if (changes.parentId && !tree.has(changes.parentId)) {
        throw new InvalidField('parent_id', 'No such role in this organization', changes.parentId);
      }
      role.inheritFrom(changes.parentId, tree);
    }
    tree.set(role.id, {
      ...tree.get(role.id)!,
      parentId: role.parentId,
      permissions: role.permissions,
      level: role.level,
    });
    assertMayConfer(
      actor,
      'update',
      effectivePermissions(role.id, tree).filter((p) => !before.includes(p)),
    );
    const levelAfter = effectiveLevel(role.id, tree);
    if (levelAfter !== levelBefore) assertMayConferLevel(actor, 'update', levelAfter);
    await this.roles.save(role);
    this.audit.changed(Role.modelName, role.id, unchanged, role);
    return role;
  }
}
