import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Task } from '../domain/task';
import { TaskRepository } from '../domain/task.repository';
import { assertAllowedOn } from './record-access';

/** Deletes a task. `precondition` sees the current version first (If-Match). */
@Injectable()
export class DeleteTaskUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(id: string, actor: Actor, precondition?: (current: Task) => void): Promise<void> {
    const organizationId = actor.requireOrganization();
    const task = await this.tasks.findById(organizationId, id, { forUpdate: true });
    if (!task) throw new ResourceNotFound(Task.modelName, id);
    assertAllowedOn(actor, 'delete', Task.modelName, task);
    precondition?.(task);
    await this.tasks.remove(task);
    this.audit.changed(Task.modelName, task.id, task, null);
  }
}
