import { Task } from './task';

const make = (input: Partial<Parameters<typeof Task.create>[1]> = {}) =>
  Task.create('org-1', { title: 'Calibrate wrenches', ...input }, 'user-1');

describe('Task', () => {
  it('starts todo with medium priority and nothing else set', () => {
    expect(make({ title: ' Calibrate wrenches ' })).toMatchObject({
      organizationId: 'org-1',
      title: 'Calibrate wrenches',
      status: 'todo',
      priority: 'medium',
      description: null,
      projectId: null,
      assigneeId: null,
      departmentId: null,
      dueDate: null,
      createdBy: 'user-1',
    });
    expect(Task.modelName).toBe('Task');
  });

  it('takes every field of the contract', () => {
    const t = make({
      description: 'All of line 3',
      projectId: 'p1',
      assigneeId: 'u2',
      departmentId: 'd1',
      status: 'in_progress',
      priority: 'urgent',
      dueDate: '2026-02-28',
    });
    expect(t).toMatchObject({
      projectId: 'p1',
      assigneeId: 'u2',
      departmentId: 'd1',
      status: 'in_progress',
      priority: 'urgent',
      dueDate: '2026-02-28',
    });
  });

  it('refuses a blank title (VAL001)', () => {
    expect(() => make({ title: ' ' })).toThrow(expect.objectContaining({ code: 'VAL001', field: 'title' }));
  });

  it('refuses unknown statuses and priorities, and days that do not exist (VAL002)', () => {
    const t = make();
    expect(() => t.change({ status: 'blocked' as never })).toThrow(
      expect.objectContaining({ field: 'status', code: 'VAL002' }),
    );
    expect(() => t.change({ priority: 'critical' as never })).toThrow(
      expect.objectContaining({ field: 'priority' }),
    );
    expect(() => t.change({ dueDate: '2026-02-30' })).toThrow(expect.objectContaining({ field: 'due_date' }));
    expect(t).toMatchObject({ status: 'todo', priority: 'medium', dueDate: null });
  });

  it('changes only what it is given, and null clears an optional field', () => {
    const t = make({ assigneeId: 'u2', dueDate: '2026-02-28', description: 'x' });
    t.change({ status: 'done', assigneeId: null });
    expect(t).toMatchObject({
      status: 'done',
      assigneeId: null,
      dueDate: '2026-02-28',
      description: 'x',
      title: 'Calibrate wrenches',
    });
    t.change({ description: '' });
    expect(t.description).toBeNull();
  });
});
