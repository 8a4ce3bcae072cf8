import { Injectable } from '@nestjs/common';
import { Actor } from '@erp/platform';
import { NewTask, Task } from '../domain/task';
import { TaskRepository } from '../domain/task.repository';
import { WorkReferences } from '../domain/work-references';
import { assertReferencesExist } from './record-access';

/** Creates a task: its project, department and assignee (an active member) must be the organization's. */
@Injectable()
export class CreateTaskUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly references: WorkReferences,
  ) {}

  async execute(input: NewTask, actor: Actor): Promise<Task> {
    const organizationId = actor.requireOrganization();
    const task = Task.create(organizationId, input, actor.userId);
    actor.assertCan('create', Task.modelName, task);
    await assertReferencesExist(this.references, organizationId, {
      projectId: task.projectId,
      departmentId: task.departmentId,
      assigneeId: task.assigneeId,
    });
    await this.tasks.add(task);
    return task;
  }
}
