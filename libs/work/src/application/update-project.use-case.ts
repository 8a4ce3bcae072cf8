import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Project, ProjectChanges } from '../domain/project';
import { ProjectRepository } from '../domain/project.repository';
import { ProjectCodeTaken } from '../domain/work.errors';
import { WorkReferences } from '../domain/work-references';
import { assertAllowedOn, assertReferencesExist, changedReferences } from './record-access';

/** Changes a project. `precondition` sees the current version first (If-Match). */
@Injectable()
export class UpdateProjectUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly references: WorkReferences,
    private readonly audit: AuditContext,
  ) {}

  async execute(
    id: string,
    changes: ProjectChanges,
    actor: Actor,
    precondition?: (current: Project) => void,
  ): Promise<Project> {
    const organizationId = actor.requireOrganization();
    const project = await this.projects.findById(organizationId, id, { forUpdate: true });
    if (!project) throw new ResourceNotFound(Project.modelName, id);
    assertAllowedOn(actor, 'update', Project.modelName, project);
    // A field rule: the budget is written only with its own permission (on the project as stored).
    if (changes.budgetAmount !== undefined) actor.assertCan('update_budget', Project.modelName, project);
    precondition?.(project);
    const before = { departmentId: project.departmentId, code: project.code };
    const unchanged = JSON.stringify(project);
    const snapshot = { ...project };
    project.change(changes);
    // Moving a project to another department needs the right to change projects there too.
    actor.assertGranted('update', Project.modelName, { departmentId: project.departmentId });
    await assertReferencesExist(
      this.references,
      organizationId,
      changedReferences({ departmentId: before.departmentId }, { departmentId: project.departmentId }),
    );
    if (project.code !== before.code && (await this.projects.codeTaken(organizationId, project.code, id)))
      throw new ProjectCodeTaken();
    // A change that changes nothing keeps the version (and so the ETag).
    if (JSON.stringify(project) !== unchanged) await this.projects.update(project);
    this.audit.changed(Project.modelName, project.id, snapshot, project);
    return project;
  }
}
