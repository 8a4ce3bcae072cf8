import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Project } from '../domain/project';
import { ProjectRepository } from '../domain/project.repository';
import { assertAllowedOn } from './record-access';

/** Deletes a project that no task belongs to any more. `precondition` sees the current version first (If-Match). */
@Injectable()
export class DeleteProjectUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(id: string, actor: Actor, precondition?: (current: Project) => void): Promise<void> {
    const organizationId = actor.requireOrganization();
    const project = await this.projects.findById(organizationId, id, { forUpdate: true });
    if (!project) throw new ResourceNotFound(Project.modelName, id);
    assertAllowedOn(actor, 'delete', Project.modelName, project);
    precondition?.(project);
    project.assertRemovable(await this.projects.countTasks(organizationId, id));
    await this.projects.remove(project);
    this.audit.changed(Project.modelName, project.id, project, null);
  }
}
