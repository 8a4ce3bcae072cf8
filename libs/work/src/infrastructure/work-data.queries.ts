import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';

/** A task the user created or is assigned, as a data export shows it. */
export interface TaskDataView {
  id: string;
  organization_id: string;
  project_id: string | null;
  title: string;
  status: string;
  created_by_user: boolean;
  assigned_to_user: boolean;
  created_at: string;
}

/** A project the user created, as a data export shows it. */
export interface ProjectDataView {
  id: string;
  organization_id: string;
  code: string;
  name: string;
  status: string;
  created_at: string;
}

export interface WorkData {
  tasks: TaskDataView[];
  projects: ProjectDataView[];
}

/**
 * Read facade for data rights: the work of one user in the transaction's organization (switch to
 * it first), under the ordinary row-level security. Ids and titles only, no descriptions.
 */
@Injectable()
export class WorkDataQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async ofUser(organizationId: string, userId: string): Promise<WorkData> {
    const tasks = await this.tx.manager.query<(Omit<TaskDataView, 'created_at'> & { created_at: Date })[]>(
      `select id, organization_id, project_id, title, status, created_by is not distinct from $2 as created_by_user,
              assignee_id is not distinct from $2 as assigned_to_user, created_at
         from tasks where organization_id = $1 and (created_by = $2 or assignee_id = $2)
        order by created_at, id`,
      [organizationId, userId],
    );
    const projects = await this.tx.manager.query<
      (Omit<ProjectDataView, 'created_at'> & { created_at: Date })[]
    >(
      `select id, organization_id, code, name, status, created_at
         from projects where organization_id = $1 and created_by = $2 order by created_at, id`,
      [organizationId, userId],
    );
    return {
      tasks: tasks.map((t) => ({ ...t, created_at: t.created_at.toISOString() })),
      projects: projects.map((p) => ({ ...p, created_at: p.created_at.toISOString() })),
    };
  }
}
