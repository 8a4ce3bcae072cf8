import { Clock } from '@erp/kernel';
import { Actor, defineAbility, EffectiveGrant, RequestTransaction } from '@erp/platform';
import { Department, DepartmentUsage } from '../domain/department';
import { Membership } from '../domain/membership';
import {
  DepartmentRepository,
  MembershipRepository,
  PasswordHasher,
  RoleGrantRepository,
  RoleRepository,
  UserRepository,
} from '../domain/ports';
import { Role } from '../domain/role';
import { RoleGrant } from '../domain/role-grant';
import { User } from '../domain/user';

/*
 * In-memory stand-ins for the identity ports, for use-case unit tests. Saving bumps `version` as
 * the database does; tenancy is only what the `organizationId` arguments filter.
 */

const saved = <T extends { version?: number }>(entity: T): T => {
  entity.version = (entity.version ?? 0) + 1;
  return entity;
};
const done = Promise.resolve();

export class FakeDepartments extends DepartmentRepository {
  readonly rows = new Map<string, Department>();
  /** Work records (projects, tasks) per department: owned by another context. */
  readonly work = new Map<string, number>();
  constructor(
    private readonly memberships?: FakeMemberships,
    private readonly grants?: FakeGrants,
  ) {
    super();
  }
  private get(organizationId: string, id: string): Department | null {
    const d = this.rows.get(id);
    return d?.organizationId === organizationId ? d : null;
  }
  findById(organizationId: string, id: string) {
    return Promise.resolve(this.get(organizationId, id));
  }
  codeTaken(organizationId: string, code: string, exceptId?: string) {
    const all = [...this.rows.values()];
    return Promise.resolve(
      all.some((d) => d.organizationId === organizationId && d.code === code.trim() && d.id !== exceptId),
    );
  }
  ancestry(organizationId: string, id: string) {
    const chain: string[] = [];
    for (
      let d = this.get(organizationId, id);
      d && !chain.includes(d.id);
      d = d.parentId ? this.get(organizationId, d.parentId) : null
    ) {
      chain.push(d.id);
    }
    return Promise.resolve(chain);
  }
  usage(organizationId: string, id: string): Promise<DepartmentUsage> {
    const using = (rows: Iterable<{ organizationId: string; departmentId: string | null }>) =>
      [...rows].filter((r) => r.organizationId === organizationId && r.departmentId === id).length;
    const children = [...this.rows.values()].filter(
      (d) => d.organizationId === organizationId && d.parentId === id,
    );
    return Promise.resolve({
      subDepartments: children.length,
      members: using(this.memberships?.rows.values() ?? []),
      grants: using(this.grants?.rows.values() ?? []),
      projects: this.work.get(id) ?? 0,
      tasks: 0,
    });
  }
  save(department: Department) {
    this.rows.set(department.id, saved(department));
    return done;
  }
  remove(department: Department) {
    this.rows.delete(department.id);
    return done;
  }
}

export class FakeUsers extends UserRepository {
  readonly rows = new Map<string, User>();
  findById(id: string) {
    return Promise.resolve(this.rows.get(id) ?? null);
  }
  findByEmail(email: string) {
    return Promise.resolve(
      [...this.rows.values()].find((u) => u.email === email.trim().toLowerCase()) ?? null,
    );
  }
  countAll() {
    return Promise.resolve(this.rows.size);
  }
  save(user: User) {
    this.rows.set(user.id, saved(user));
    return done;
  }
}

export class FakeMemberships extends MembershipRepository {
  readonly rows = new Map<string, Membership>();
  find(organizationId: string, userId: string) {
    return Promise.resolve(
      [...this.rows.values()].find((m) => m.organizationId === organizationId && m.userId === userId) ?? null,
    );
  }
  activeOrganizationsOf(userId: string) {
    return Promise.resolve(
      [...this.rows.values()].filter((m) => m.userId === userId && m.isActive).map((m) => m.organizationId),
    );
  }
  save(membership: Membership) {
    this.rows.set(membership.id, saved(membership));
    return done;
  }
}

export class FakeRoles extends RoleRepository {
  readonly rows = new Map<string, Role>();
  private all(organizationId: string): Role[] {
    return [...this.rows.values()].filter((r) => r.organizationId === organizationId);
  }
  findById(organizationId: string, id: string) {
    return Promise.resolve(this.all(organizationId).find((r) => r.id === id) ?? null);
  }
  findByCode(organizationId: string, code: string) {
    return Promise.resolve(this.all(organizationId).find((r) => r.code === code) ?? null);
  }
  listAll(organizationId: string) {
    return Promise.resolve(this.all(organizationId));
  }
  save(role: Role) {
    this.rows.set(role.id, saved(role));
    return done;
  }
  remove(role: Role) {
    this.rows.delete(role.id);
    return done;
  }
}

export class FakeGrants extends RoleGrantRepository {
  readonly rows = new Map<string, RoleGrant>();
  private all(organizationId: string): RoleGrant[] {
    return [...this.rows.values()].filter((g) => g.organizationId === organizationId);
  }
  find(organizationId: string, userId: string, roleId: string, departmentId: string | null) {
    const found = this.all(organizationId).find(
      (g) => g.userId === userId && g.roleId === roleId && g.departmentId === departmentId,
    );
    return Promise.resolve(found ?? null);
  }
  findById(organizationId: string, id: string) {
    return Promise.resolve(this.all(organizationId).find((g) => g.id === id) ?? null);
  }
  listForUser(organizationId: string, userId: string) {
    return Promise.resolve(this.all(organizationId).filter((g) => g.userId === userId));
  }
  countForRole(organizationId: string, roleId: string) {
    return Promise.resolve(this.all(organizationId).filter((g) => g.roleId === roleId).length);
  }
  save(grant: RoleGrant) {
    this.rows.set(grant.id, grant);
    return done;
  }
  remove(grant: RoleGrant) {
    this.rows.delete(grant.id);
    return done;
  }
  removeAllForUser(organizationId: string, userId: string) {
    const mine = this.all(organizationId).filter((g) => g.userId === userId);
    mine.forEach((g) => this.rows.delete(g.id));
    return Promise.resolve(mine.length);
  }
}

/** A reversible "hash", counting how often it ran (adding a member must hash either way, for timing). */
export class FakeHasher extends PasswordHasher {
  hashed = 0;
  hash(password: string) {
    this.hashed += 1;
    return Promise.resolve(`hashed:${password}`);
  }
  verify(hash: string | null, password: string) {
    return Promise.resolve(hash === `hashed:${password}`);
  }
}

export class FixedClock extends Clock {
  constructor(private readonly at = new Date('2026-01-01T09:00:00Z')) {
    super();
  }
  now() {
    return this.at;
  }
}

export const ORG = 'org-1';

/** A caller in ORG with the given grants (`departmentIds: null`: organization-wide). */
export const actorWith = (
  grants: EffectiveGrant[],
  options: { userId?: string; platformAdmin?: boolean } = {},
): Actor =>
  new Actor(
    options.userId ?? 'caller',
    options.platformAdmin ?? false,
    ORG,
    defineAbility(grants, options.platformAdmin ?? false),
  );

export const orgWide = (...permissions: string[]): EffectiveGrant => ({ permissions, departmentIds: null });

/** A transaction whose locks are free: the unit tests run one use case at a time. */
export const uncontendedTransaction = { lock: () => Promise.resolve() } as Pick<
  RequestTransaction,
  'lock'
> as RequestTransaction;
