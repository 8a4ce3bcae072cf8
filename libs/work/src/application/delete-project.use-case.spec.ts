import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { Project } from '../domain/project';
import { DeleteProjectUseCase } from './delete-project.use-case';
import { actorWith, actorWithPermissions, InMemoryProjects, ORG, USER } from './work.fakes';

describe('DeleteProjectUseCase', () => {
  let projects: InMemoryProjects;
  let useCase: DeleteProjectUseCase;
  let project: Project;
  const deleter = actorWithPermissions('project:read', 'project:delete');

  beforeEach(() => {
    projects = new InMemoryProjects();
    useCase = new DeleteProjectUseCase(projects, new RecordingAuditContext());
    project = projects.seed(
      Project.create(ORG, { name: 'Retrofit', code: 'RETRO', departmentId: 'd1' }, USER),
    );
  });

  it('deletes a project without tasks', async () => {
    await useCase.execute(project.id, deleter);
    expect(projects.rows.has(project.id)).toBe(false);
  });

  it('refuses while tasks still belong to it (BIZ003)', async () => {
    projects.taskCounts.set(project.id, 3);
    await expect(useCase.execute(project.id, deleter)).rejects.toMatchObject({ code: 'BIZ003' });
    expect(projects.rows.has(project.id)).toBe(true);
  });

  it('answers 404 when missing or outside the actor’s departments', async () => {
    await expect(useCase.execute('missing', deleter)).rejects.toMatchObject({ code: 'BIZ002' });
    const narrowed = actorWith([{ permissions: ['project:read', 'project:delete'], departmentIds: ['d2'] }]);
    await expect(useCase.execute(project.id, narrowed)).rejects.toMatchObject({ code: 'BIZ002' });
    expect(projects.rows.has(project.id)).toBe(true);
  });

  it('refuses a reader without project:delete (403)', async () => {
    await expect(useCase.execute(project.id, actorWithPermissions('project:read'))).rejects.toMatchObject({
      code: 'AUTH004',
    });
  });
});
