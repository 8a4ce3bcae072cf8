import { Injectable } from '@nestjs/common';
import { Clock, InvalidField, ResourceAlreadyExists } from '@erp/kernel';
import { Actor } from '@erp/platform';
import { Membership } from '../domain/membership';
import { DepartmentRepository, MembershipRepository, PasswordHasher, UserRepository } from '../domain/ports';
import { User } from '../domain/user';

export interface AddMemberInput {
  email: string;
  fullName: string;
  password?: string;
  departmentId?: string | null;
}

/**
 * Adds a member: creates the account when the email is new, otherwise reuses it untouched (its
 * name and password never change here, and the answer looks the same either way). A former
 * member is re-admitted; an active one is a conflict.
 */
@Injectable()
export class AddMemberUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly departments: DepartmentRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /** Returns the member's user id. */
  async execute(input: AddMemberInput, actor: Actor): Promise<string> {
    const organizationId = actor.requireOrganization();
    const departmentId = input.departmentId ?? null;
    actor.assertCan('create', User.modelName, { departmentId });
    if (departmentId && !(await this.departments.findById(organizationId, departmentId))) {
      throw new InvalidField('department_id', 'No such department in this organization', departmentId);
    }
    // Hashed whether or not the account exists, so the time taken does not tell.
    const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
    let user = await this.users.findByEmail(input.email);
    if (!user) {
      user = User.create({
        email: input.email,
        fullName: input.fullName,
        passwordHash,
        homeOrganizationId: organizationId,
      });
      await this.users.save(user);
    }
    const now = this.clock.now();
    let membership = await this.memberships.find(organizationId, user.id);
    if (membership?.isActive) throw new ResourceAlreadyExists(User.modelName, 'email');
    if (membership) membership.rejoin(departmentId, now);
    else membership = Membership.create(organizationId, user.id, departmentId, now);
    await this.memberships.save(membership);
    return user.id;
  }
}
