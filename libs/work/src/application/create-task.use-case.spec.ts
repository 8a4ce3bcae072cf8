import { Task } from '../domain/task';
import { CreateTaskUseCase } from './create-task.use-case';
import { actorWith, actorWithPermissions, FakeReferences, InMemoryTasks, ORG, USER } from './work.fakes';

describe('CreateTaskUseCase', () => {
  let tasks: InMemoryTasks;
  let references: FakeReferences;
  let useCase: CreateTaskUseCase;
  const creator = actorWithPermissions('task:create');

  beforeEach(() => {
    tasks = new InMemoryTasks();
    references = new FakeReferences();
    references.projects.add('p1');
    references.departments.add('d1');
    references.activeMembers.add('u2');
    useCase = new CreateTaskUseCase(tasks, references);
  });

  it('stores a task with its references, created by the actor', async () => {
    const task = await useCase.execute(
      { title: 'Calibrate', projectId: 'p1', departmentId: 'd1', assigneeId: 'u2', priority: 'high' },
      creator,
    );
    expect(tasks.rows.get(task.id)).toMatchObject({
      organizationId: ORG,
      projectId: 'p1',
      departmentId: 'd1',
      assigneeId: 'u2',
      status: 'todo',
      priority: 'high',
      createdBy: USER,
    });
  });

  it.each([
    ['projectId', 'project_id'],
    ['departmentId', 'department_id'],
    ['assigneeId', 'assignee_id'],
  ] as const)(
    'refuses a %s that names nothing usable in the organization (VAL002 on %s)',
    async (key, field) => {
      await expect(useCase.execute({ title: 'x', [key]: 'unknown' }, creator)).rejects.toMatchObject({
        code: 'VAL002',
        field,
        invalidValue: 'unknown',
      });
      expect(tasks.writes).toBe(0);
    },
  );

  it('lets a department-narrowed creator create only in its departments', async () => {
    const narrowed = actorWith([{ permissions: ['task:create'], departmentIds: ['d1'] }]);
    await expect(useCase.execute({ title: 'ok', departmentId: 'd1' }, narrowed)).resolves.toBeInstanceOf(
      Task,
    );
    await expect(useCase.execute({ title: 'no', departmentId: 'd9' }, narrowed)).rejects.toMatchObject({
      code: 'AUTH004',
    });
    await expect(useCase.execute({ title: 'no' }, narrowed)).rejects.toMatchObject({ code: 'AUTH004' });
    expect(tasks.rows.size).toBe(1);
  });

  it('applies the domain rules before storing anything', async () => {
    await expect(useCase.execute({ title: '  ' }, creator)).rejects.toMatchObject({
      code: 'VAL001',
      field: 'title',
    });
    expect(tasks.writes).toBe(0);
  });
});
