import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import {
  enumOrder,
  fetchPage,
  isoDate,
  PolicyColumns,
  RecordCache,
  RecordScope,
  RequestTransaction,
  SqlFilter,
} from '@erp/platform';
import { Project, PROJECT_STATUSES, ProjectStatus } from '../domain/project';

/** A project as the API shows it. */
export interface ProjectView {
  id: string;
  organization_id: string;
  code: string;
  name: string;
  description: string | null;
  department_id: string | null;
  status: ProjectStatus;
  starts_on: string | null;
  ends_on: string | null;
  /** Left out of responses for callers without project:read_budget (see the controller). */
  budget_amount?: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The project's attributes as authorization rules and policies name them (the fields of `Project`). */
export const projectSubject = (view: ProjectView) => ({
  id: view.id,
  departmentId: view.department_id,
  createdBy: view.created_by,
  status: view.status,
});

export interface ProjectFilters {
  status?: ProjectStatus;
  department_id?: string;
  q?: string;
}

/** Sortable wire names → SQL; status sorts in lifecycle order, not alphabetically. */
export const PROJECT_SORT: Record<string, string> = {
  created_at: 'p.created_at',
  updated_at: 'p.updated_at',
  name: 'lower(p.name)',
  code: 'lower(p.code)',
  status: enumOrder('p.status', PROJECT_STATUSES),
  starts_on: 'p.starts_on',
  ends_on: 'p.ends_on',
};
export const PROJECT_DEFAULT_SORT = 'name';

/** The columns policy conditions on projects (`resource.*`, see PROJECT_ATTRIBUTES) are translated to. */
export const PROJECT_POLICY_COLUMNS: PolicyColumns = {
  id: 'p.id',
  department: 'p.department_id',
  created_by: 'p.created_by',
  status: 'p.status',
};

const COLUMNS = `p.id, p.organization_id, p.code, p.name, p.description, p.department_id, p.status,
  ${isoDate('p.starts_on', 'starts_on')}, ${isoDate('p.ends_on', 'ends_on')},
  p.budget_amount::float8 as budget_amount, p.created_by, p.created_at, p.updated_at, p.version`;

type Row = Omit<ProjectView, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

const toView = (row: Row): ProjectView => ({
  ...row,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

/**
 * The read side of projects. Every query names the organization (RLS is the safety net, not the
 * filter) and narrows to the departments the caller may read, in SQL.
 */
@Injectable()
export class ProjectQueries {
  constructor(
    private readonly tx: RequestTransaction,
    private readonly cache: RecordCache,
  ) {}

  /**
   * The project as stored (any caller's view: authorize it with `projectSubject` before showing it),
   * from the shared cache or, on a miss, the database. Only for reads outside a write: a write's
   * own transaction must read its uncommitted changes with `findById`.
   */
  findCached(organizationId: string, id: string): Promise<ProjectView | null> {
    return this.cache.read(Project.modelName, organizationId, id, () =>
      this.findById(organizationId, 'all', id),
    );
  }

  async findById(
    organizationId: string,
    scope: RecordScope | 'all' | string[],
    id: string,
  ): Promise<ProjectView | null> {
    const where = new SqlFilter();
    where
      .equals('p.organization_id', organizationId)
      .equals('p.id', id)
      .within(scope, PROJECT_POLICY_COLUMNS);
    const rows: Row[] = await this.tx.manager.query(
      `select ${COLUMNS} from projects p ${where.sql}`,
      where.params,
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(
    organizationId: string,
    scope: RecordScope | 'all' | string[],
    filters: ProjectFilters,
    request: PageRequest,
  ): Promise<Page<ProjectView>> {
    const where = new SqlFilter();
    where
      .equals('p.organization_id', organizationId)
      .within(scope, PROJECT_POLICY_COLUMNS)
      .equals('p.status', filters.status)
      .equals('p.department_id', filters.department_id)
      .contains(['p.name', 'p.code'], filters.q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'projects p',
      where,
      request,
      tiebreak: 'p.id',
      toView,
    });
  }
}
