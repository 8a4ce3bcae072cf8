import { Injectable } from '@nestjs/common';
import { Actor } from '@erp/platform';
import { NewProject, Project } from '../domain/project';
import { ProjectRepository } from '../domain/project.repository';
import { ProjectCodeTaken } from '../domain/work.errors';
import { WorkReferences } from '../domain/work-references';
import { assertReferencesExist } from './record-access';

/** Creates a project: its code is unique in the organization, its department one of the organization's. */
@Injectable()
export class CreateProjectUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly references: WorkReferences,
  ) {}

  async execute(input: NewProject, actor: Actor): Promise<Project> {
    const organizationId = actor.requireOrganization();
    const project = Project.create(organizationId, input, actor.userId);
    actor.assertCan('create', Project.modelName, project);
    if (input.budgetAmount !== undefined) actor.assertCan('update_budget', Project.modelName, project);
    await assertReferencesExist(this.references, organizationId, { departmentId: project.departmentId });
    if (await this.projects.codeTaken(organizationId, project.code)) throw new ProjectCodeTaken();
    await this.projects.add(project);
    return project;
  }
}
