import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { fetchPage, Found, RequestTransaction, SqlFilter } from '@erp/platform';
import { iso } from './iso-timestamp';

export interface DepartmentView {
  id: string;
  name: string;
  code: string;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
}

interface DepartmentRow extends Omit<DepartmentView, 'created_at' | 'updated_at'> {
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const DEPARTMENT_SORT = {
  name: 'd.name',
  code: 'd.code',
  created_at: 'd.created_at',
  updated_at: 'd.updated_at',
};

const COLUMNS = 'd.id, d.name, d.code, d.parent_id, d.created_at, d.updated_at, d.version';

const toView = ({ version: _version, ...row }: DepartmentRow): DepartmentView => ({
  ...row,
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
});

/** Departments of the organization, narrowed to the ones the caller may read (`scope`). */
@Injectable()
export class DepartmentQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async list(
    organizationId: string,
    scope: 'all' | string[],
    request: PageRequest,
    filters: { q?: string; parentId?: string },
  ): Promise<Page<DepartmentView>> {
    const where = new SqlFilter()
      .equals('d.organization_id', organizationId)
      .departments('d.id', scope)
      .equals('d.parent_id', filters.parentId)
      .contains(['d.name', 'd.code'], filters.q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'departments d',
      where,
      request,
      tiebreak: 'd.id',
      toView,
    });
  }

  /** One department, or null when it does not exist in this organization or is outside `scope`. */
  async get(
    organizationId: string,
    id: string,
    scope: 'all' | string[],
  ): Promise<Found<DepartmentView> | null> {
    const where = new SqlFilter()
      .equals('d.organization_id', organizationId)
      .equals('d.id', id)
      .departments('d.id', scope);
    const rows = await this.tx.manager.query<DepartmentRow[]>(
      `select ${COLUMNS} from departments d ${where.sql}`,
      where.params,
    );
    return rows[0] ? { view: toView(rows[0]), version: rows[0].version } : null;
  }
}
