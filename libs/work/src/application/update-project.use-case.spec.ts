import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { PlatformError } from '@erp/platform';
import { Project } from '../domain/project';
import { UpdateProjectUseCase } from './update-project.use-case';
import { actorWith, actorWithPermissions, FakeReferences, InMemoryProjects, ORG, USER } from './work.fakes';

describe('UpdateProjectUseCase', () => {
  let projects: InMemoryProjects;
  let references: FakeReferences;
  let useCase: UpdateProjectUseCase;
  let project: Project;
  const editor = actorWithPermissions('project:read', 'project:update');

  beforeEach(() => {
    projects = new InMemoryProjects();
    references = new FakeReferences();
    ['d1', 'd2'].forEach((d) => references.departments.add(d));
    useCase = new UpdateProjectUseCase(projects, references, new RecordingAuditContext());
    project = projects.seed(
      Project.create(ORG, { name: 'Retrofit', code: 'RETRO', departmentId: 'd1' }, USER),
    );
  });

  it('applies a partial change and bumps the version', async () => {
    const updated = await useCase.execute(project.id, { status: 'active', endsOn: '2026-12-31' }, editor);
    expect(updated).toMatchObject({ status: 'active', endsOn: '2026-12-31', name: 'Retrofit', version: 2 });
    expect(projects.rows.get(project.id)?.status).toBe('active');
  });

  it('keeps the version when nothing changes', async () => {
    await useCase.execute(project.id, { name: 'Retrofit' }, editor);
    expect(projects.writes).toBe(0);
  });

  it('answers 404 for a project that is not there or not in the organization', async () => {
    await expect(useCase.execute('missing', { name: 'x' }, editor)).rejects.toMatchObject({ code: 'BIZ002' });
    const other = actorWith([{ permissions: ['project:update'], departmentIds: null }], 'another-org');
    await expect(useCase.execute(project.id, { name: 'x' }, other)).rejects.toMatchObject({ code: 'BIZ002' });
  });

  it('hides another department’s project from a narrowed actor (404), refuses a visible one it may not change (403)', async () => {
    const narrowed = actorWith([{ permissions: ['project:read', 'project:update'], departmentIds: ['d2'] }]);
    await expect(useCase.execute(project.id, { name: 'x' }, narrowed)).rejects.toMatchObject({
      code: 'BIZ002',
    });
    const readsAll = actorWith([
      { permissions: ['project:read'], departmentIds: null },
      { permissions: ['project:update'], departmentIds: ['d2'] },
    ]);
    await expect(useCase.execute(project.id, { name: 'x' }, readsAll)).rejects.toMatchObject({
      code: 'AUTH004',
    });
    expect(projects.writes).toBe(0);
  });

  it('refuses to move a project into a department the actor may not change (403)', async () => {
    const narrowed = actorWith([{ permissions: ['project:read', 'project:update'], departmentIds: ['d1'] }]);
    await expect(useCase.execute(project.id, { departmentId: 'd2' }, narrowed)).rejects.toMatchObject({
      code: 'AUTH004',
    });
    await expect(useCase.execute(project.id, { departmentId: 'nowhere' }, editor)).rejects.toMatchObject({
      code: 'VAL002',
      field: 'department_id',
    });
    expect(projects.rows.get(project.id)?.departmentId).toBe('d1');
  });

  it('refuses a code taken by another project (BIZ001) but accepts its own', async () => {
    projects.seed(Project.create(ORG, { name: 'Other', code: 'OTHER' }, USER));
    await expect(useCase.execute(project.id, { code: 'OTHER' }, editor)).rejects.toMatchObject({
      code: 'BIZ001',
    });
    await expect(
      useCase.execute(project.id, { code: 'RETRO', name: 'Renamed' }, editor),
    ).resolves.toMatchObject({
      name: 'Renamed',
    });
  });

  it('runs the precondition on the current version before changing anything', async () => {
    const seen: number[] = [];
    const stale = (current: Project) => {
      seen.push(current.version);
      throw new PlatformError('CONC001');
    };
    await expect(useCase.execute(project.id, { name: 'x' }, editor, stale)).rejects.toMatchObject({
      code: 'CONC001',
    });
    expect(seen).toEqual([1]);
    expect(projects.rows.get(project.id)?.name).toBe('Retrofit');
  });
});
