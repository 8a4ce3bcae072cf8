import { Injectable } from '@nestjs/common';
import { AuthorizationSource, EffectiveGrant, MembershipGrants, RequestTransaction } from '@erp/platform';
import { effectivePermissions, RoleNode } from '../domain/role';

interface AuthorizationRow {
  member: boolean;
  grants: { role_id: string; department_ids: string[] | null }[];
  roles: { id: string; parent_id: string | null; permissions: string[] }[];
}

/**
 * The caller's grants in the transaction's organization, in one round trip: membership, grants
 * (a department grant expanded to its sub-departments) and the role tree, whose inheritance is
 * resolved by the domain rule `effectivePermissions`.
 */
@Injectable()
export class TypeOrmAuthorizationSource extends AuthorizationSource {
  constructor(private readonly transaction: RequestTransaction) {
    super();
  }

  async grantsOf(userId: string, organizationId: string): Promise<MembershipGrants> {
    const [row]: AuthorizationRow[] = await this.transaction.manager.query(
      `with recursive member as (
         select 1 from memberships where organization_id = $2 and user_id = $1 and is_active
       ), grant_rows as (
         select g.role_id, g.department_id from role_grants g
         where g.organization_id = $2 and g.user_id = $1 and exists (select 1 from member)
       ), subtree(root, id) as (
         select department_id, department_id from grant_rows where department_id is not null
         union
         select s.root, d.id from departments d join subtree s on d.parent_id = s.id where d.organization_id = $2
       )
       select exists (select 1 from member) as member,
         coalesce((select json_agg(json_build_object(
             'role_id', g.role_id,
             'department_ids', case when g.department_id is null then null
                                    else (select json_agg(s.id) from subtree s where s.root = g.department_id) end))
           from grant_rows g), '[]') as grants,
         coalesce((select json_agg(json_build_object('id', r.id, 'parent_id', r.parent_id, 'permissions', r.permissions))
           from roles r where r.organization_id = $2 and exists (select 1 from grant_rows)), '[]') as roles`,
      [userId, organizationId],
    );
    if (!row.member) return { member: false, grants: [] };
    const roles = new Map<string, RoleNode>(
      row.roles.map((r) => [r.id, { id: r.id, parentId: r.parent_id, permissions: r.permissions }]),
    );
    const grants: EffectiveGrant[] = row.grants.map((g) => ({
      permissions: effectivePermissions(g.role_id, roles),
      departmentIds: g.department_ids,
    }));
    return { member: true, grants };
  }
}
