import { Injectable } from '@nestjs/common';
import { AuthorizationSource, EffectiveGrant, MembershipGrants, RequestTransaction } from '@erp/platform';
import { effectivePermissions, RoleNode } from '../domain/role';

interface GrantRow {
  role_id: string;
  department_ids: string[] | null;
}

/**
 * The caller's grants in the transaction's organization: one query for membership and grants
 * (department grants expanded to their sub-departments), one for the role tree.
 */
@Injectable()
export class TypeOrmAuthorizationSource extends AuthorizationSource {
  constructor(private readonly transaction: RequestTransaction) {
    super();
  }

  async grantsOf(userId: string, organizationId: string): Promise<MembershipGrants> {
    const db = this.transaction.manager;
    const rows: (GrantRow & { member: boolean })[] = await db.query(
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
       select exists (select 1 from member) as member, g.role_id,
              case when g.department_id is null then null
                   else (select array_agg(s.id) from subtree s where s.root = g.department_id) end as department_ids
       from (select 1) one left join grant_rows g on true`,
      [userId, organizationId],
    );
    const member = rows[0]?.member === true;
    const grantRows = rows.filter((r) => r.role_id !== null);
    if (!member || grantRows.length === 0) return { member, grants: [] };
    const roles: RoleNode[] = (
      await db.query<{ id: string; parent_id: string | null; permissions: string[] }[]>(
        `select id, parent_id, permissions from roles where organization_id = $1`,
        [organizationId],
      )
    ).map((r) => ({ id: r.id, parentId: r.parent_id, permissions: r.permissions }));
    const byId = new Map(roles.map((r) => [r.id, r]));
    const grants: EffectiveGrant[] = grantRows.map((g) => ({
      permissions: effectivePermissions(g.role_id, byId),
      departmentIds: g.department_ids,
    }));
    return { member, grants };
  }
}
