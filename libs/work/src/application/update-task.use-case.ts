import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Task, TaskChanges } from '../domain/task';
import { TaskRepository } from '../domain/task.repository';
import { WorkReferenceIds, WorkReferences } from '../domain/work-references';
import { assertAllowedOn, assertReferencesExist, changedReferences } from './record-access';

const referencesOf = (t: Task): WorkReferenceIds => ({
  projectId: t.projectId,
  departmentId: t.departmentId,
  assigneeId: t.assigneeId,
});

/** Changes a task. `precondition` sees the current version first (If-Match). */
@Injectable()
export class UpdateTaskUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly references: WorkReferences,
    private readonly audit: AuditContext,
  ) {}

  async execute(
    id: string,
    changes: TaskChanges,
    actor: Actor,
    precondition?: (current: Task) => void,
  ): Promise<Task> {
    const organizationId = actor.requireOrganization();
    const task = await this.tasks.findById(organizationId, id, { forUpdate: true });
    if (!task) throw new ResourceNotFound(Task.modelName, id);
    assertAllowedOn(actor, 'update', Task.modelName, task);
    precondition?.(task);
    const before = referencesOf(task);
    const unchanged = JSON.stringify(task);
    const snapshot = { ...task };
    task.change(changes);
    // Moving a task to another department needs the right to change tasks there too.
    actor.assertGranted('update', Task.modelName, { departmentId: task.departmentId });
    await assertReferencesExist(
      this.references,
      organizationId,
      changedReferences(before, referencesOf(task)),
    );
    // A change that changes nothing keeps the version (and so the ETag).
    if (JSON.stringify(task) !== unchanged) await this.tasks.update(task);
    this.audit.changed(Task.modelName, task.id, snapshot, task);
    return task;
  }
}
