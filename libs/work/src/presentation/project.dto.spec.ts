import { ArgumentMetadata } from '@nestjs/common';
import { RequestValidationFailed } from '@erp/platform';
import { createValidationPipe } from '@erp/platform/http/validation.pipe';
import { CreateProjectRequest, ProjectListQuery, UpdateProjectRequest } from './project.dto';

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

describe('project DTOs', () => {
  it('accepts a full, valid project', async () => {
    const body = {
      name: 'Retrofit',
      code: 'L3_retro-1',
      description: 'x',
      department_id: null,
      starts_on: '2026-01-05',
      ends_on: '2026-06-30',
      status: 'on_hold',
    };
    expect(await problems(CreateProjectRequest, body)).toEqual([]);
  });

  it.each([
    ['code:VAL001', { name: 'x' }],
    ['name:VAL001', { code: 'x' }],
    ['code:VAL002', { name: 'x', code: 'has space' }],
    ['code:VAL002', { name: 'x', code: 42 }],
    ['code:VAL003', { name: 'x', code: 'c'.repeat(51) }],
    ['name:VAL003', { name: 'n'.repeat(201), code: 'x' }],
    ['description:VAL003', { name: 'x', code: 'x', description: 'd'.repeat(5001) }],
    ['starts_on:VAL002', { name: 'x', code: 'x', starts_on: '05/01/2026' }],
    ['status:VAL002', { name: 'x', code: 'x', status: 'archived' }],
    ['department_id:VAL002', { name: 'x', code: 'x', department_id: 'sales' }],
    ['id:VAL002', { name: 'x', code: 'x', id: '3f1c1a52-1d4e-4c59-8b0a-0d4a2b1f7c11' }],
  ])('refuses a create body with %s', async (expected, body) => {
    expect((await problems(CreateProjectRequest, body))[0]).toBe(expected);
  });

  it('lets a change clear optional fields, but not null a required one or send unknown ones', async () => {
    expect(await problems(UpdateProjectRequest, { ends_on: null, department_id: null })).toEqual([]);
    expect(await problems(UpdateProjectRequest, { code: null })).toEqual(['code:VAL001']);
    expect(await problems(UpdateProjectRequest, { organization_id: 'x' })).toEqual([
      'organization_id:VAL002',
    ]);
  });

  it('validates list filters', async () => {
    expect(await problems(ProjectListQuery, { status: 'active', q: 'retro' }, 'query')).toEqual([]);
    expect(await problems(ProjectListQuery, { department_id: 'x' }, 'query')).toEqual([
      'department_id:VAL002',
    ]);
  });
});
