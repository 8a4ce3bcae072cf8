import { Injectable } from '@nestjs/common';
import { InvalidField, InvalidState, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { DepartmentRepository, MembershipRepository, UserRepository } from '../domain/ports';
import { User } from '../domain/user';
import { assertRecordAccess } from './access';

/** What a member's audit row shows of the account and the membership. */
const memberSnapshot = (user: User, membership: { departmentId: string | null }) => ({
  email: user.email,
  fullName: user.fullName,
  departmentId: membership.departmentId,
});

export interface UpdateMemberInput {
  fullName?: string;
  /** The membership's department; `null` takes the member out of any department. */
  departmentId?: string | null;
}

/** Changes a member's name (on the account) or department (on the membership). */
@Injectable()
export class UpdateMemberUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly departments: DepartmentRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(
    userId: string,
    changes: UpdateMemberInput,
    actor: Actor,
    precondition?: (version: number) => void,
  ): Promise<void> {
    const organizationId = actor.requireOrganization();
    const membership = await this.memberships.find(organizationId, userId, { forUpdate: true });
    const user = membership?.isActive ? await this.users.findById(userId, { forUpdate: true }) : null;
    if (!membership || !user) throw new ResourceNotFound(User.modelName);
    assertRecordAccess(actor, 'update', User.modelName, { departmentId: membership.departmentId });
    precondition?.(user.version + membership.version);
    const before = memberSnapshot(user, membership);

    if (changes.departmentId !== undefined && changes.departmentId !== membership.departmentId) {
      // Moving a member needs the permission in the destination too.
      actor.assertCan('update', User.modelName, { departmentId: changes.departmentId });
      if (changes.departmentId && !(await this.departments.findById(organizationId, changes.departmentId))) {
        throw new InvalidField(
          'department_id',
          'No such department in this organization',
          changes.departmentId,
        );
      }
      membership.moveToDepartment(changes.departmentId);
      await this.memberships.save(membership);
    }
    if (changes.fullName !== undefined && changes.fullName.trim() !== user.fullName) {
      if (!user.mayBeRenamedBy(actor.userId, organizationId)) {
        throw new InvalidState(
          User.modelName,
          'the account is managed by another organization or by its owner',
        );
      }
      user.rename(changes.fullName);
      await this.users.save(user);
    }
    this.audit.changed(User.modelName, user.id, before, memberSnapshot(user, membership));
  }
}
