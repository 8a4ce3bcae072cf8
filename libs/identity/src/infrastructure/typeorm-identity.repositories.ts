import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { IsNull } from 'typeorm';
import { Membership } from '../domain/membership';
import { Organization } from '../domain/organization';
import { Role } from '../domain/role';
import { RoleGrant } from '../domain/role-grant';
import { User } from '../domain/user';
import {
  FindOptions,
  MembershipRepository,
  OrganizationRepository,
  RoleGrantRepository,
  RoleRepository,
  UserRepository,
} from '../domain/ports';
import {
  MembershipSchema,
  OrganizationSchema,
  RoleGrantSchema,
  RoleSchema,
  UserSchema,
} from './identity.schemas';

/** Row lock for a record about to change (`select ... for update`). */
export const locked = (options: FindOptions) =>
  options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {};

/** Repositories work in the request transaction, so row-level security always applies. */
@Injectable()
export class TypeOrmUserRepository extends UserRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(UserSchema);
  }
  findById(id: string, options: FindOptions = {}) {
    return this.repo.findOne({ where: { id }, ...locked(options) });
  }
  findByEmail(email: string) {
    return this.repo
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }
  countAll() {
    return this.repo.count();
  }
  async save(user: User) {
    await this.repo.save(user);
  }
}

@Injectable()
export class TypeOrmOrganizationRepository extends OrganizationRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(OrganizationSchema);
  }
  findById(id: string) {
    return this.repo.findOneBy({ id });
  }
  async codeTaken(code: string) {
    const rows: unknown[] = await this.tx.manager.query(
      `select exists (select 1 from organizations where lower(code) = lower($1)) as taken`,
      [code],
    );
    return (rows[0] as { taken: boolean }).taken;
  }
  async save(organization: Organization) {
    await this.repo.save(organization);
  }
}

@Injectable()
export class TypeOrmMembershipRepository extends MembershipRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(MembershipSchema);
  }
  find(organizationId: string, userId: string, options: FindOptions = {}) {
    return this.repo.findOne({ where: { organizationId, userId }, ...locked(options) });
  }
  async activeOrganizationsOf(userId: string) {
    const rows = await this.repo.find({
      select: { organizationId: true },
      where: { userId, isActive: true },
    });
    return rows.map((m) => m.organizationId);
  }
  async save(membership: Membership) {
    await this.repo.save(membership);
  }
}

@Injectable()
export class TypeOrmRoleRepository extends RoleRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(RoleSchema);
  }
  findById(organizationId: string, id: string, options: FindOptions = {}) {
    return this.repo.findOne({ where: { organizationId, id }, ...locked(options) });
  }
  findByCode(organizationId: string, code: string) {
    return this.repo.findOneBy({ organizationId, code });
  }
  listAll(organizationId: string) {
    return this.repo.findBy({ organizationId });
  }
  async save(role: Role) {
    await this.repo.save(role);
  }
  async remove(role: Role) {
    await this.repo.delete({ organizationId: role.organizationId, id: role.id });
  }
}

@Injectable()
export class TypeOrmRoleGrantRepository extends RoleGrantRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(RoleGrantSchema);
  }
  find(organizationId: string, userId: string, roleId: string, departmentId: string | null) {
    return this.repo.findOneBy({ organizationId, userId, roleId, departmentId: departmentId ?? IsNull() });
  }
  findById(organizationId: string, id: string) {
    return this.repo.findOneBy({ organizationId, id });
  }
  listForUser(organizationId: string, userId: string) {
    return this.repo.findBy({ organizationId, userId });
  }
  countForRole(organizationId: string, roleId: string) {
    return this.repo.countBy({ organizationId, roleId });
  }
  async save(grant: RoleGrant) {
    await this.repo.save(grant);
  }
  async remove(grant: RoleGrant) {
    await this.repo.delete({ organizationId: grant.organizationId, id: grant.id });
  }
  async removeAllForUser(organizationId: string, userId: string) {
    const result = await this.repo.delete({ organizationId, userId });
    return result.affected ?? 0;
  }
}
