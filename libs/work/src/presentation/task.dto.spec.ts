import { ArgumentMetadata } from '@nestjs/common';
import { RequestValidationFailed } from '@erp/platform';
import { createValidationPipe } from '@erp/platform/http/validation.pipe';
import { CreateTaskRequest, TaskListQuery, UpdateTaskRequest } from './task.dto';

const pipe = createValidationPipe();
const problems = async (
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
  type: 'body' | 'query' = 'body',
) => {
  try {
    await pipe.transform(value, { type, metatype });
    return [];
  } catch (error) {
    if (error instanceof RequestValidationFailed) return error.problems.map((p) => `${p.field}:${p.code}`);
    throw error;
  }
};

describe('task DTOs', () => {
  it('accepts a full, valid task', async () => {
    const body = {
      title: 'Calibrate',
      description: null,
      project_id: '3f1c1a52-1d4e-4c59-8b0a-0d4a2b1f7c11',
      assignee_id: null,
      department_id: '3f1c1a52-1d4e-4c59-8b0a-0d4a2b1f7c12',
      status: 'review',
      priority: 'urgent',
      due_date: '2026-02-28',
    };
    expect(await problems(CreateTaskRequest, body)).toEqual([]);
  });

  it.each([
    ['title:VAL001', {}],
    ['title:VAL001', { title: null }],
    ['title:VAL002', { title: 123 }],
    ['title:VAL002', { title: '' }],
    ['title:VAL003', { title: 'x'.repeat(201) }],
    ['description:VAL003', { title: 'x', description: 'x'.repeat(10_001) }],
    ['status:VAL002', { title: 'x', status: 'blocked' }],
    ['status:VAL001', { title: 'x', status: null }],
    ['priority:VAL002', { title: 'x', priority: 'critical' }],
    ['project_id:VAL002', { title: 'x', project_id: 'not-a-uuid' }],
    ['due_date:VAL002', { title: 'x', due_date: '2026-02-30' }],
    ['due_date:VAL002', { title: 'x', due_date: '2026-02-01T00:00:00Z' }],
    ['organization_id:VAL002', { title: 'x', organization_id: '3f1c1a52-1d4e-4c59-8b0a-0d4a2b1f7c11' }],
    ['created_by:VAL002', { title: 'x', created_by: 'me' }],
  ])('refuses a create body with %s', async (expected, body) => {
    expect((await problems(CreateTaskRequest, body))[0]).toBe(expected);
  });

  it('lets a change leave everything out, clear optional fields, but not null a required one', async () => {
    expect(await problems(UpdateTaskRequest, {})).toEqual([]);
    expect(
      await problems(UpdateTaskRequest, { assignee_id: null, due_date: null, description: null }),
    ).toEqual([]);
    expect(await problems(UpdateTaskRequest, { title: null })).toEqual(['title:VAL001']);
    expect(await problems(UpdateTaskRequest, { priority: null })).toEqual(['priority:VAL001']);
    expect(await problems(UpdateTaskRequest, { version: 3 })).toEqual(['version:VAL002']);
  });

  it('validates list filters', async () => {
    expect(await problems(TaskListQuery, { status: 'done', page: '2', size: '50' }, 'query')).toEqual([]);
    expect(await problems(TaskListQuery, { status: 'nope' }, 'query')).toEqual(['status:VAL002']);
    expect(await problems(TaskListQuery, { assignee_id: 'me' }, 'query')).toEqual(['assignee_id:VAL002']);
    expect(await problems(TaskListQuery, { organization_id: 'x' }, 'query')).toEqual([
      'organization_id:VAL002',
    ]);
  });
});
