import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { Task } from '../domain/task';
import { DeleteTaskUseCase } from './delete-task.use-case';
import { actorWith, actorWithPermissions, InMemoryTasks, ORG, USER } from './work.fakes';

describe('DeleteTaskUseCase', () => {
  let tasks: InMemoryTasks;
  let useCase: DeleteTaskUseCase;
  let audit: RecordingAuditContext;
  let task: Task;

  beforeEach(() => {
    tasks = new InMemoryTasks();
    audit = new RecordingAuditContext();
    useCase = new DeleteTaskUseCase(tasks, audit);
    task = tasks.seed(Task.create(ORG, { title: 'Calibrate', departmentId: 'd1' }, USER));
  });

  it('deletes the task', async () => {
    await useCase.execute(task.id, actorWithPermissions('task:read', 'task:delete'));
    expect(tasks.rows.size).toBe(0);
    expect(audit.changes).toEqual([
      { type: 'Task', id: task.id, before: expect.objectContaining({ title: 'Calibrate' }), after: null },
    ]);
  });

  it('answers 404 when missing or outside the actor’s departments, 403 when visible but not deletable', async () => {
    const inD2 = actorWith([{ permissions: ['task:read', 'task:delete'], departmentIds: ['d2'] }]);
    await expect(useCase.execute(task.id, inD2)).rejects.toMatchObject({ code: 'BIZ002' });
    await expect(useCase.execute('missing', actorWithPermissions('task:delete'))).rejects.toMatchObject({
      code: 'BIZ002',
    });
    await expect(useCase.execute(task.id, actorWithPermissions('task:read'))).rejects.toMatchObject({
      code: 'AUTH004',
    });
    expect(tasks.rows.size).toBe(1);
    expect(audit.changes).toEqual([]);
  });
});
