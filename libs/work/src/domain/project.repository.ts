import type { Project } from './project';

/** Projects of the current organization; implementations run in the request transaction (RLS applies). */
export abstract class ProjectRepository {
  /** `forUpdate` locks the row until the transaction ends, so concurrent changes queue up. */
  abstract findById(
    organizationId: string,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<Project | null>;
  abstract codeTaken(organizationId: string, code: string, exceptId?: string): Promise<boolean>;
  abstract countTasks(organizationId: string, projectId: string): Promise<number>;
  /** Inserts a new project; fills `createdAt`, `updatedAt` and `version`. A taken code is a `ProjectCodeTaken`. */
  abstract add(project: Project): Promise<void>;
  /** Writes the changes of a loaded project; bumps `version` and `updatedAt`. */
  abstract update(project: Project): Promise<void>;
  abstract remove(project: Project): Promise<void>;
}
