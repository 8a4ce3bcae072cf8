import { Project } from '../domain/project';
import { CreateProjectUseCase } from './create-project.use-case';
import { actorWith, actorWithPermissions, FakeReferences, InMemoryProjects, ORG, USER } from './work.fakes';

describe('CreateProjectUseCase', () => {
  let projects: InMemoryProjects;
  let references: FakeReferences;
  let useCase: CreateProjectUseCase;
  const creator = actorWithPermissions('project:create');

  beforeEach(() => {
    projects = new InMemoryProjects();
    references = new FakeReferences();
    references.departments.add('d1');
    useCase = new CreateProjectUseCase(projects, references);
  });

  it('stores a project of the organization, created by the actor', async () => {
    const project = await useCase.execute({ name: 'Retrofit', code: 'RETRO', departmentId: 'd1' }, creator);
    expect(projects.rows.get(project.id)).toMatchObject({
      organizationId: ORG,
      code: 'RETRO',
      departmentId: 'd1',
      status: 'planned',
      createdBy: USER,
      version: 1,
    });
  });

  it('refuses a code already used in the organization (BIZ001), storing nothing', async () => {
    projects.seed(Project.create(ORG, { name: 'Old', code: 'RETRO' }, USER));
    await expect(useCase.execute({ name: 'New', code: 'RETRO' }, creator)).rejects.toMatchObject({
      code: 'BIZ001',
      params: { resource: 'Project', field: 'code' },
    });
    expect(projects.rows.size).toBe(1);
  });

  it('refuses a department that is not the organization’s (VAL002 on department_id)', async () => {
    await expect(
      useCase.execute({ name: 'X', code: 'X', departmentId: 'elsewhere' }, creator),
    ).rejects.toMatchObject({
      code: 'VAL002',
      field: 'department_id',
      invalidValue: 'elsewhere',
    });
    expect(projects.writes).toBe(0);
  });

  it('applies the domain rules before storing anything', async () => {
    await expect(
      useCase.execute({ name: 'X', code: 'X', startsOn: '2026-02-01', endsOn: '2026-01-01' }, creator),
    ).rejects.toMatchObject({ code: 'VAL003', field: 'ends_on' });
    expect(projects.writes).toBe(0);
  });

  it('lets a department-narrowed creator create only in its departments (AUTH004 otherwise)', async () => {
    const narrowed = actorWith([{ permissions: ['project:create'], departmentIds: ['d1'] }]);
    references.departments.add('d2');
    await expect(
      useCase.execute({ name: 'A', code: 'A', departmentId: 'd1' }, narrowed),
    ).resolves.toBeInstanceOf(Project);
    await expect(
      useCase.execute({ name: 'B', code: 'B', departmentId: 'd2' }, narrowed),
    ).rejects.toMatchObject({
      code: 'AUTH004',
    });
    await expect(useCase.execute({ name: 'C', code: 'C' }, narrowed)).rejects.toMatchObject({
      code: 'AUTH004',
    });
    expect(projects.rows.size).toBe(1);
  });

  it('refuses an actor without project:create', async () => {
    await expect(
      useCase.execute({ name: 'A', code: 'A' }, actorWithPermissions('project:read')),
    ).rejects.toMatchObject({
      code: 'AUTH004',
    });
  });
});
