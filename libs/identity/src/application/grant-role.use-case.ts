import { Injectable } from '@nestjs/common';
import { InvalidField, ResourceAlreadyExists, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext, JobQueue } from '@erp/platform';
import {
  DepartmentRepository,
  MembershipRepository,
  RoleGrantRepository,
  RoleRepository,
} from '../domain/ports';
import { effectiveLevel, effectivePermissions, Role } from '../domain/role';
import { RoleGrant } from '../domain/role-grant';
import { User } from '../domain/user';
import { assertMayConfer, assertMayConferLevel } from './access';
import { roleTree } from './role-tree';

export interface GrantRoleInput {
  roleId: string;
  /** Narrows the grant to this department and its sub-departments. */
  departmentId?: string | null;
}

/**
 * Grants a role of the organization to an active member. A caller who is not a platform
 * administrator may only grant a role whose effective permissions it holds organization-wide.
 * Granting an `admin`-level role enqueues a security scan of the organization (same transaction).
 */
@Injectable()
export class GrantRoleUseCase {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleRepository,
    private readonly departments: DepartmentRepository,
    private readonly grants: RoleGrantRepository,
    private readonly audit: AuditContext,
    private readonly jobs: JobQueue,
  ) {}

  async execute(userId: string, input: GrantRoleInput, actor: Actor): Promise<RoleGrant> {
    const organizationId = actor.requireOrganization();
    actor.assertCan('assign', Role.modelName);
    const membership = await this.memberships.find(organizationId, userId);
    if (!membership?.isActive) throw new ResourceNotFound(User.modelName);
    const tree = roleTree(await this.roles.listAll(organizationId));
    if (!tree.has(input.roleId))
      throw new InvalidField('role_id', 'No such role in this organization', input.roleId);
    const departmentId = input.departmentId ?? null;
    if (departmentId && !(await this.departments.findById(organizationId, departmentId))) {
      throw new InvalidField('department_id', 'No such department in this organization', departmentId);
    }
    assertMayConfer(actor, 'assign', effectivePermissions(input.roleId, tree));
    const level = effectiveLevel(input.roleId, tree);
    assertMayConferLevel(actor, 'assign', level);
    if (await this.grants.find(organizationId, userId, input.roleId, departmentId)) {
      throw new ResourceAlreadyExists('RoleGrant', 'role_id');
    }
    const grant = RoleGrant.create(organizationId, {
      userId,
      roleId: input.roleId,
      departmentId,
      grantedBy: actor.userId,
    });
    await this.grants.save(grant);
    this.audit.changed('RoleGrant', grant.id, null, grant);
    if (level === 'admin') await this.jobs.enqueue('security.scan', { organizationId });
    return grant;
  }
}
