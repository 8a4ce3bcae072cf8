import type { Task } from './task';

/** Tasks of the current organization; implementations run in the request transaction (RLS applies). */
export abstract class TaskRepository {
  /** `forUpdate` locks the row until the transaction ends, so concurrent changes queue up. */
  abstract findById(
    organizationId: string,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<Task | null>;
  /** Inserts a new task; fills `createdAt`, `updatedAt` and `version`. */
  abstract add(task: Task): Promise<void>;
  /** Writes the changes of a loaded task; bumps `version` and `updatedAt`. */
  abstract update(task: Task): Promise<void>;
  abstract remove(task: Task): Promise<void>;
}
