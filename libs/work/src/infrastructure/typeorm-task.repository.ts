import { Injectable } from '@nestjs/common';
import { RecordCache, RequestTransaction } from '@erp/platform';
import { Task } from '../domain/task';
import { TaskRepository } from '../domain/task.repository';
import { TaskSchema } from './task.schema';
import { writeChanges } from './write-changes';

/** Works in the request transaction, so row-level security always applies. */
@Injectable()
export class TypeOrmTaskRepository extends TaskRepository {
  constructor(
    private readonly tx: RequestTransaction,
    private readonly cache: RecordCache,
  ) {
    super();
  }

  private get repo() {
    return this.tx.manager.getRepository(TaskSchema);
  }

  findById(organizationId: string, id: string, options: { forUpdate?: boolean } = {}) {
    return this.repo.findOne({
      where: { organizationId, id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async add(task: Task) {
    await this.repo.insert(task);
  }

  async update(task: Task) {
    const { projectId, title, description, assigneeId, departmentId, status, priority, dueDate } = task;
    await writeChanges(this.repo, task, {
      projectId,
      title,
      description,
      assigneeId,
      departmentId,
      status,
      priority,
      dueDate,
    });
    await this.cache.changed(Task.modelName, task.organizationId, task.id, task.version);
  }

  async remove(task: Task) {
    await this.repo.delete({ organizationId: task.organizationId, id: task.id });
    await this.cache.changed(Task.modelName, task.organizationId, task.id, 'deleted');
  }
}
