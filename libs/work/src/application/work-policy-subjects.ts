import { Injectable, OnModuleInit } from '@nestjs/common';
import { PolicySubjects, ResourceAttributes } from '@erp/platform';
import { Project, PROJECT_STATUSES } from '../domain/project';
import { ProjectRepository } from '../domain/project.repository';
import { Task, TASK_PRIORITIES, TASK_STATUSES } from '../domain/task';
import { TaskRepository } from '../domain/task.repository';

const id = (field: string, description: string) => ({ type: { kind: 'id' as const }, field, description });

/** What policies may say about a task (`resource.*`); `field` is the property of `Task`. */
export const TASK_ATTRIBUTES: ResourceAttributes = {
  id: id('id', 'the task id'),
  department: id('departmentId', "the task's department"),
  assignee: id('assigneeId', 'the member the task is assigned to'),
  created_by: id('createdBy', 'who created the task'),
  project: id('projectId', "the task's project"),
  status: {
    type: { kind: 'enum', values: TASK_STATUSES, ordered: false },
    field: 'status',
    description: TASK_STATUSES.join(', '),
  },
  priority: {
    type: { kind: 'enum', values: TASK_PRIORITIES, ordered: true },
    field: 'priority',
    description: TASK_PRIORITIES.join(' < '),
  },
};

/** What policies may say about a project. */
export const PROJECT_ATTRIBUTES: ResourceAttributes = {
  id: id('id', 'the project id'),
  department: id('departmentId', "the project's department"),
  created_by: id('createdBy', 'who created the project'),
  status: {
    type: { kind: 'enum', values: PROJECT_STATUSES, ordered: false },
    field: 'status',
    description: PROJECT_STATUSES.join(', '),
  },
};

/** Registers tasks and projects with the policy engine: their attributes and how explain loads one. */
@Injectable()
export class WorkPolicySubjects implements OnModuleInit {
  constructor(
    private readonly subjects: PolicySubjects,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectRepository,
  ) {}

  onModuleInit(): void {
    this.subjects.register(Task.modelName, {
      attributes: TASK_ATTRIBUTES,
      load: (organizationId, taskId) => this.tasks.findById(organizationId, taskId),
    });
    this.subjects.register(Project.modelName, {
      attributes: PROJECT_ATTRIBUTES,
      load: (organizationId, projectId) => this.projects.findById(organizationId, projectId),
    });
  }
}
