import { EntitySchema } from 'typeorm';
import { Task } from '../domain/task';
import { auditColumns, dateColumn, uuidColumn } from './columns';

/** Maps `Task` onto `tasks` (migration 1763800001000). */
export const TaskSchema = new EntitySchema<Task>({
  name: 'Task',
  target: Task,
  tableName: 'tasks',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: uuidColumn('organization_id'),
    projectId: uuidColumn('project_id', true),
    title: { type: 'varchar', length: 200 },
    description: { type: 'varchar', length: 10000, nullable: true },
    assigneeId: uuidColumn('assignee_id', true),
    departmentId: uuidColumn('department_id', true),
    status: { type: 'varchar', length: 20 },
    priority: { type: 'varchar', length: 10 },
    dueDate: dateColumn('due_date'),
    ...auditColumns,
  },
});
