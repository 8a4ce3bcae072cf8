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
import { Task, TASK_PRIORITIES, TASK_STATUSES, TaskPriority, TaskStatus } from '../domain/task';

/** A task as the API shows it. */
export interface TaskView {
  id: string;
  organization_id: string;
  project_id: string | null;
  title: string;
  description: string | null;
  assignee_id: string | null;
  department_id: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  due_date: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The task's attributes as authorization rules and policies name them (the fields of `Task`). */
export const taskSubject = (view: TaskView) => ({
  id: view.id,
  departmentId: view.department_id,
  assigneeId: view.assignee_id,
  createdBy: view.created_by,
  projectId: view.project_id,
  status: view.status,
  priority: view.priority,
});

export interface TaskFilters {
  project_id?: string;
  status?: TaskStatus;
  assignee_id?: string;
  department_id?: string;
  q?: string;
}

/** Sortable wire names → SQL; status and priority sort in their natural order, not alphabetically. */
export const TASK_SORT: Record<string, string> = {
  created_at: 't.created_at',
  updated_at: 't.updated_at',
  title: 'lower(t.title)',
  status: enumOrder('t.status', TASK_STATUSES),
  priority: enumOrder('t.priority', TASK_PRIORITIES),
  due_date: 't.due_date',
};
export const TASK_DEFAULT_SORT = '-created_at';

/** The columns policy conditions on tasks (`resource.*`, see TASK_ATTRIBUTES) are translated to. */
export const TASK_POLICY_COLUMNS: PolicyColumns = {
  id: 't.id',
  department: 't.department_id',
  assignee: 't.assignee_id',
  created_by: 't.created_by',
  project: 't.project_id',
  status: 't.status',
  priority: 't.priority',
};

const COLUMNS = `t.id, t.organization_id, t.project_id, t.title, t.description, t.assignee_id, t.department_id,
  t.status, t.priority, ${isoDate('t.due_date', 'due_date')}, t.created_by, t.created_at, t.updated_at, t.version`;

type Row = Omit<TaskView, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

const toView = (row: Row): TaskView => ({
  ...row,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

/**
 * The read side of tasks. Every query names the organization (RLS is the safety net, not the
 * filter) and narrows to the departments the caller may read, in SQL.
 */
@Injectable()
export class TaskQueries {
  constructor(
    private readonly tx: RequestTransaction,
    private readonly cache: RecordCache,
  ) {}

  /**
   * The task as stored (any caller's view: authorize it with `taskSubject` before showing it),
   * from the shared cache or, on a miss, the database. Only for reads outside a write: a write's
   * own transaction must read its uncommitted changes with `findById`.
   */
  findCached(organizationId: string, id: string): Promise<TaskView | null> {
    return this.cache.read(Task.modelName, organizationId, id, () =>
      this.findById(organizationId, 'all', id),
    );
  }

  async findById(
    organizationId: string,
    scope: RecordScope | 'all' | string[],
    id: string,
  ): Promise<TaskView | null> {
    const where = new SqlFilter();
    where.equals('t.organization_id', organizationId).equals('t.id', id).within(scope, TASK_POLICY_COLUMNS);
    const rows: Row[] = await this.tx.manager.query(
      `select ${COLUMNS} from tasks t ${where.sql}`,
      where.params,
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(
    organizationId: string,
    scope: RecordScope | 'all' | string[],
    filters: TaskFilters,
    request: PageRequest,
  ): Promise<Page<TaskView>> {
    const where = new SqlFilter();
    where
      .equals('t.organization_id', organizationId)
      .within(scope, TASK_POLICY_COLUMNS)
      .equals('t.project_id', filters.project_id)
      .equals('t.status', filters.status)
      .equals('t.assignee_id', filters.assignee_id)
      .equals('t.department_id', filters.department_id)
      .contains(['t.title', 't.description'], filters.q);
    return fetchPage(this.tx.manager, {
      columns: COLUMNS,
      from: 'tasks t',
      where,
      request,
      tiebreak: 't.id',
      toView,
    });
  }
}
