import { Injectable } from '@nestjs/common';
import { Page, PageRequest, RoleLevel } from '@erp/kernel';
import { fetchPage, Found, RequestTransaction, SqlFilter } from '@erp/platform';
import { effectivePermissions, RoleNode } from '../domain/role';
import { iso } from './iso-timestamp';

export interface RoleView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  parent_id: string | null;
  permissions: string[];
  /** Own permissions plus every ancestor's. */
  effective_permissions: string[];
  is_builtin: boolean;
  level: RoleLevel;
  created_at: string;
  updated_at: string;
}

interface RoleRow extends Omit<RoleView, 'effective_permissions' | 'created_at' | 'updated_at'> {
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const ROLE_SORT = {
  code: 'r.code',
  name: 'r.name',
  created_at: 'r.created_at',
  updated_at: 'r.updated_at',
};

const COLUMNS =
  'r.id, r.code, r.name, r.description, r.parent_id, r.permissions, r.is_builtin, r.level, r.created_at, r.updated_at, r.version';

/** Roles of the organization with their effective (inherited) permissions. Roles are organization-wide records. */
@Injectable()
export class RoleQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async list(organizationId: string, request: PageRequest, q?: string): Promise<Page<RoleView>> {
    const where = new SqlFilter()
      .equals('r.organization_id', organizationId)
      .contains(['r.code', 'r.name'], q);
    const tree = await this.tree(organizationId);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'roles r',
      where,
      request,
      tiebreak: 'r.id',
      toView: (row: RoleRow) => toView(row, tree),
    });
  }

  async get(organizationId: string, id: string): Promise<Found<RoleView> | null> {
    const rows = await this.tx.manager.query<RoleRow[]>(
      `select ${COLUMNS} from roles r where r.organization_id = $1 and r.id = $2`,
      [organizationId, id],
    );
    if (!rows[0]) return null;
    return { view: toView(rows[0], await this.tree(organizationId)), version: rows[0].version };
  }

  private async tree(organizationId: string): Promise<Map<string, RoleNode>> {
    const rows = await this.tx.manager.query<
      { id: string; parent_id: string | null; permissions: string[] }[]
    >(`select id, parent_id, permissions from roles where organization_id = $1`, [organizationId]);
    return new Map(rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, permissions: r.permissions }]));
  }
}

function toView({ version: _version, ...row }: RoleRow, tree: ReadonlyMap<string, RoleNode>): RoleView {
  return {
    ...row,
    permissions: [...row.permissions].sort(),
    effective_permissions: effectivePermissions(row.id, tree),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}
