import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, highestLevel } from '@erp/kernel';
import {
  AccessCache,
  ACCOUNTS_SCOPE,
  AccountStatus,
  AuthorizationSource,
  EffectiveGrant,
  MembershipGrants,
  PolicyDefinition,
  PolicySet,
  PolicySubjects,
  RequestTransaction,
} from '@erp/platform';
import { effectivePermissions, roleChain, RoleNode } from '../domain/role';

interface AuthorizationRow {
  member: boolean;
  department_id: string | null;
  departments: string[];
  grants: { role_id: string; department_id: string | null; department_ids: string[] | null }[];
  roles: { id: string; parent_id: string | null; permissions: string[]; code: string; level: string }[];
  policies: PolicyDefinition[];
}

/**
 * The caller's grants and the organization's policies in the transaction's organization, in one
 * round trip: membership (with the member's department and its sub-departments), grants (a
 * department grant expanded to its sub-departments), the role tree (inheritance of permissions
 * and levels is resolved by the domain rules) and the policies, bound to the caller and the clock.
 */
@Injectable()
export class TypeOrmAuthorizationSource extends AuthorizationSource {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly clock: Clock,
    private readonly subjects: PolicySubjects,
    private readonly access: AccessCache,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  /** `users` is global (no row-level security): read outside the request transaction, cached. */
  async accountOf(userId: string): Promise<AccountStatus> {
    return this.access.read(ACCOUNTS_SCOPE, userId, async () => {
      const [row] = await this.dataSource.query<{ active: boolean; platform_admin: boolean }[]>(
        `select is_active and erased_at is null as active, is_platform_admin as platform_admin
           from users where id = $1`,
        [userId],
      );
      return { active: row?.active ?? false, platformAdmin: row?.platform_admin ?? false };
    });
  }

  async grantsOf(userId: string, organizationId: string): Promise<MembershipGrants> {
    const row = await this.access.read(organizationId, userId, () => this.load(userId, organizationId));
    return this.toMembershipGrants(userId, row);
  }

  /** One query: the raw inputs, as cached (policies are bound to the caller and the clock afterwards). */
  private async load(userId: string, organizationId: string): Promise<AuthorizationRow> {
    const [row]: AuthorizationRow[] = await this.transaction.manager.query(
      `with recursive member as (
         select department_id from memberships where organization_id = $2 and user_id = $1 and is_active
       ), grant_rows as (
         select g.role_id, g.department_id from role_grants g
         where g.organization_id = $2 and g.user_id = $1 and exists (select 1 from member)
       ), subtree(root, id) as (
         select department_id, department_id from grant_rows where department_id is not null
         union
         select department_id, department_id from member where department_id is not null
         union
         select s.root, d.id from departments d join subtree s on d.parent_id = s.id where d.organization_id = $2
       )
       select exists (select 1 from member) as member,
         (select department_id from member) as department_id,
         coalesce((select json_agg(s.id order by s.id) from subtree s
                   where s.root = (select department_id from member)), '[]') as departments,
         coalesce((select json_agg(json_build_object(
             'role_id', g.role_id,
             'department_id', g.department_id,
             'department_ids', case when g.department_id is null then null
                                    else (select json_agg(s.id) from subtree s where s.root = g.department_id) end))
           from grant_rows g), '[]') as grants,
         coalesce((select json_agg(json_build_object('id', r.id, 'parent_id', r.parent_id,
             'permissions', r.permissions, 'code', r.code, 'level', r.level))
           from roles r where r.organization_id = $2 and exists (select 1 from grant_rows)), '[]') as roles,
         coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'permission', p.permission,
             'effect', p.effect, 'condition', p.condition) order by p.name)
           from policies p where p.organization_id = $2 and exists (select 1 from member)), '[]') as policies`,
      [userId, organizationId],
    );
    return row;
  }

  private toMembershipGrants(userId: string, row: AuthorizationRow): MembershipGrants {
    if (!row.member) return { member: false, grants: [] };
    const roles = new Map<string, RoleNode>(
      row.roles.map((r) => [
        r.id,
        { id: r.id, parentId: r.parent_id, permissions: r.permissions, code: r.code, level: r.level },
      ]),
    );
    const grants: EffectiveGrant[] = row.grants.map((g) => ({
      permissions: effectivePermissions(g.role_id, roles),
      departmentIds: g.department_ids,
      role: { id: g.role_id, code: roles.get(g.role_id)?.code ?? '' },
      departmentId: g.department_id,
    }));
    const held = row.grants.flatMap((g) => roleChain(g.role_id, roles));
    const user = {
      id: userId,
      department: row.department_id,
      departments: row.departments,
      roleLevel: highestLevel(held.map((r) => r.level)),
      roles: [...new Set(held.map((r) => r.code ?? ''))].sort(),
    };
    const policies = new PolicySet(row.policies, { user, now: this.clock.now() }, this.subjects.attributesOf);
    return { member: true, grants, policies };
  }
}
