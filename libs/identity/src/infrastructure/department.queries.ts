import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { containing, Found, iso, selectPage, SqlFilter } from './sql-page';

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
    const filter = new SqlFilter();
    filter.and(`d.organization_id = ${filter.param(organizationId)}`);
    if (scope !== 'all') filter.and(`d.id = any(${filter.param(scope)}::uuid[])`);
    if (filters.parentId) filter.and(`d.parent_id = ${filter.param(filters.parentId)}`);
    if (filters.q) {
      const q = filter.param(containing(filters.q));
      filter.and(`(d.name ilike ${q} or d.code ilike ${q})`);
    }
    const page = await selectPage<DepartmentRow>(
      this.tx.manager,
      { columns: COLUMNS, from: 'departments d', filter, tiebreak: 'd.id' },
      request,
    );
    return { ...page, items: page.items.map(toView) };
  }

  /** One department, or null when it does not exist in this organization or is outside `scope`. */
  async get(
    organizationId: string,
    id: string,
    scope: 'all' | string[],
  ): Promise<Found<DepartmentView> | null> {
    const rows = await this.tx.manager.query<DepartmentRow[]>(
      `select ${COLUMNS} from departments d where d.organization_id = $1 and d.id = $2 and ($3::uuid[] is null or d.id = any($3::uuid[]))`,
      [organizationId, id, scope === 'all' ? null : scope],
    );
    return rows[0] ? { view: toView(rows[0]), version: rows[0].version } : null;
  }
}
