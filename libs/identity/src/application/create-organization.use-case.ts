import { Injectable } from '@nestjs/common';
import { Clock, ResourceAlreadyExists } from '@erp/kernel';
import { Actor, RequestTransaction } from '@erp/platform';
import { Membership } from '../domain/membership';
import { Organization } from '../domain/organization';
import { BUILTIN_ROLES } from '../domain/permission-catalogue';
import {
  MembershipRepository,
  OrganizationRepository,
  RoleGrantRepository,
  RoleRepository,
} from '../domain/ports';
import { Role } from '../domain/role';
import { RoleGrant } from '../domain/role-grant';

/**
 * A new organization gets the built-in roles `admin` (every permission) and `member`, and its
 * creator becomes a member with `admin`.
 */
@Injectable()
export class CreateOrganizationUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleRepository,
    private readonly grants: RoleGrantRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    input: { name: string; code: string; description?: string | null },
    actor: Actor,
  ): Promise<Organization> {
    actor.assertCan('create', Organization.modelName);
    if (await this.organizations.codeTaken(input.code))
      throw new ResourceAlreadyExists('Organization', 'code');
    const organization = Organization.create(input);
    await this.transaction.switchOrganization(organization.id);
    await this.organizations.save(organization);
    const member = Role.create(organization.id, {
      code: 'member',
      ...BUILTIN_ROLES.member,
      permissions: [...BUILTIN_ROLES.member.permissions],
      builtin: true,
    });
    const admin = Role.create(organization.id, {
      code: 'admin',
      ...BUILTIN_ROLES.admin,
      permissions: [...BUILTIN_ROLES.admin.permissions],
      builtin: true,
    });
    await this.roles.save(member);
    await this.roles.save(admin);
    await this.memberships.save(Membership.create(organization.id, actor.userId, null, this.clock.now()));
    await this.grants.save(
      RoleGrant.create(organization.id, {
        userId: actor.userId,
        roleId: admin.id,
        departmentId: null,
        grantedBy: actor.userId,
      }),
    );
    return organization;
  }
}
