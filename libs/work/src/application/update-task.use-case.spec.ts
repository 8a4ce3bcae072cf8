import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { PlatformError } from '@erp/platform';
import { Task } from '../domain/task';
import { UpdateTaskUseCase } from './update-task.use-case';
import { actorWith, actorWithPermissions, FakeReferences, InMemoryTasks, ORG, USER } from './work.fakes';

describe('UpdateTaskUseCase', () => {
  let tasks: InMemoryTasks;
  let references: FakeReferences;
  let useCase: UpdateTaskUseCase;
  let audit: RecordingAuditContext;
  let task: Task;
  const editor = actorWithPermissions('task:read', 'task:update');

  beforeEach(() => {
    tasks = new InMemoryTasks();
    references = new FakeReferences();
    ['d1', 'd2'].forEach((d) => references.departments.add(d));
    ['u2', 'u3'].forEach((u) => references.activeMembers.add(u));
    references.projects.add('p1');
    audit = new RecordingAuditContext();
    useCase = new UpdateTaskUseCase(tasks, references, audit);
    task = tasks.seed(Task.create(ORG, { title: 'Calibrate', departmentId: 'd1', assigneeId: 'u2' }, USER));
  });

  it('applies a partial change and bumps the version', async () => {
    const updated = await useCase.execute(
      task.id,
      { status: 'in_progress', assigneeId: 'u3', projectId: 'p1' },
      editor,
    );
    expect(updated).toMatchObject({
      status: 'in_progress',
      assigneeId: 'u3',
      projectId: 'p1',
      title: 'Calibrate',
      version: 2,
    });
    expect(tasks.rows.get(task.id)).toMatchObject({ status: 'in_progress', version: 2 });
    expect(audit.changes).toEqual([
      {
        type: 'Task',
        id: task.id,
        before: expect.objectContaining({ status: 'todo', assigneeId: 'u2', projectId: null, version: 1 }),
        after: expect.objectContaining({
          status: 'in_progress',
          assigneeId: 'u3',
          projectId: 'p1',
          version: 2,
        }),
      },
    ]);
  });

  it('checks only the references that change (a former member stays assigned until reassigned)', async () => {
    references.activeMembers.delete('u2');
    await expect(useCase.execute(task.id, { priority: 'urgent' }, editor)).resolves.toMatchObject({
      assigneeId: 'u2',
    });
    await expect(useCase.execute(task.id, { assigneeId: 'gone' }, editor)).rejects.toMatchObject({
      code: 'VAL002',
      field: 'assignee_id',
    });
    await expect(useCase.execute(task.id, { assigneeId: null }, editor)).resolves.toMatchObject({
      assigneeId: null,
    });
  });

  it('keeps the version when nothing changes', async () => {
    await useCase.execute(task.id, { title: 'Calibrate', departmentId: 'd1' }, editor);
    expect(tasks.writes).toBe(0);
  });

  it('hides another department’s task from a narrowed actor (404) and refuses to move one out of reach (403)', async () => {
    const inD2 = actorWith([{ permissions: ['task:read', 'task:update'], departmentIds: ['d2'] }]);
    await expect(useCase.execute(task.id, { title: 'x' }, inD2)).rejects.toMatchObject({ code: 'BIZ002' });
    const inD1 = actorWith([{ permissions: ['task:read', 'task:update'], departmentIds: ['d1'] }]);
    await expect(useCase.execute(task.id, { departmentId: 'd2' }, inD1)).rejects.toMatchObject({
      code: 'AUTH004',
    });
    await expect(useCase.execute(task.id, { title: 'mine' }, inD1)).resolves.toMatchObject({ title: 'mine' });
    expect(tasks.rows.get(task.id)?.departmentId).toBe('d1');
  });

  it('answers 404 for a task that is not there', async () => {
    await expect(useCase.execute('missing', { title: 'x' }, editor)).rejects.toMatchObject({
      code: 'BIZ002',
    });
  });

  it('runs the precondition on the current version before changing anything', async () => {
    const stale = () => {
      throw new PlatformError('CONC001');
    };
    await expect(useCase.execute(task.id, { title: 'x' }, editor, stale)).rejects.toMatchObject({
      code: 'CONC001',
    });
    expect(tasks.writes).toBe(0);
  });
});
