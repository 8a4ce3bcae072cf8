import { EntitySchema } from 'typeorm';
import { Project } from '../domain/project';
import { auditColumns, dateColumn, uuidColumn } from './columns';

/** Maps `Project` onto `projects` (migration 1763800001000). */
export const ProjectSchema = new EntitySchema<Project>({
  name: 'Project',
  target: Project,
  tableName: 'projects',
  columns: {
    id: { type: 'uuid', primary: true },
    organizationId: uuidColumn('organization_id'),
    code: { type: 'varchar', length: 50 },
    name: { type: 'varchar', length: 200 },
    description: { type: 'varchar', length: 5000, nullable: true },
    departmentId: uuidColumn('department_id', true),
    status: { type: 'varchar', length: 20 },
    startsOn: dateColumn('starts_on'),
    endsOn: dateColumn('ends_on'),
    budgetAmount: {
      type: 'numeric',
      name: 'budget_amount',
      precision: 14,
      scale: 2,
      nullable: true,
      transformer: {
        to: (value: number | null | undefined) => value,
        from: (value: string | null) => (value === null ? null : Number(value)),
      },
    },
    ...auditColumns,
  },
});
