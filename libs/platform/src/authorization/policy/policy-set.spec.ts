import { defineAbility } from '../ability';
import { Actor } from '../actor';
import { ContextValues, ResourceAttributes } from './attributes';
import { compareValues, constantOf, holds, reduce } from './evaluate';
import { parseCondition } from './expression';
import { PolicyDefinition, PolicySet } from './policy-set';
import { NotTranslatable, toSql } from './to-sql';
import { checkCondition } from './type-check';

const D1 = '11111111-1111-4111-8111-111111111111';
const D2 = '22222222-2222-4222-8222-222222222222';
const U1 = '33333333-3333-4333-8333-333333333333';
const TASK: ResourceAttributes = {
  department: { type: { kind: 'id' }, field: 'departmentId', description: '' },
  assignee: { type: { kind: 'id' }, field: 'assigneeId', description: '' },
  status: {
    type: { kind: 'enum', values: ['todo', 'done'], ordered: false },
    field: 'status',
    description: '',
  },
  priority: {
    type: { kind: 'enum', values: ['low', 'medium', 'high'], ordered: true },
    field: 'priority',
    description: '',
  },
};
const COLUMNS = {
  department: 't.department_id',
  assignee: 't.assignee_id',
  status: 't.status',
  priority: 't.priority',
};
const context = (overrides: Partial<ContextValues['user']> = {}, hour = 10): ContextValues => ({
  user: { id: U1, department: D1, departments: [D1], roleLevel: 'member', roles: ['member'], ...overrides },
  now: new Date(Date.UTC(2026, 0, 5, hour)), // a Monday
});
const bindings = (c: ContextValues) => (name: string) =>
  ({
    'user.id': c.user.id,
    'user.department': c.user.department,
    'user.departments': c.user.departments,
    'user.role_level': c.user.roleLevel,
    'user.roles': c.user.roles,
    'time.hour': c.now.getUTCHours(),
    'time.weekday': 1,
  })[name];
const compile = (source: string) => checkCondition(parseCondition(source), TASK);
const sql = (source: string, c = context()) => {
  const params: unknown[] = [];
  const text = toSql(reduce(compile(source), bindings(c)), COLUMNS, (v) => {
    params.push(v);
    return `$${params.length}`;
  });
  return { text, params };
};

describe('policy conditions: evaluation', () => {
  it('compares two-valued: null equals only null, is never ordered, never in a list', () => {
    expect(compareValues('==', null, null)).toBe(true);
    expect(compareValues('!=', 'a', null)).toBe(true);
    expect(compareValues('<', null, 1)).toBe(false);
    expect(compareValues('>=', null, 1)).toBe(false);
    expect(compareValues('in', null, ['a'])).toBe(false);
    expect(compareValues('>=', 'manager', 'member', ['member', 'manager', 'admin'])).toBe(true);
    expect(compareValues('<', 'member', 'admin', ['member', 'manager', 'admin'])).toBe(true);
    expect(compareValues('<', 'boss', 'admin', ['member', 'manager', 'admin'])).toBe(false);
  });

  it('reduces the caller and the time away, leaving a condition on the record or a constant', () => {
    const seed = compile("user.department == resource.department or user.role_level >= 'manager'");
    expect(reduce(seed, bindings(context({ roleLevel: 'admin' })))).toMatchObject({ value: true });
    const residual = reduce(seed, bindings(context()));
    expect(residual).toMatchObject({
      kind: 'compare',
      left: { value: D1 },
      right: { name: 'resource.department' },
    });
    expect(holds(residual, (n) => (n === 'resource.department' ? D1 : undefined))).toBe(true);
    expect(holds(residual, (n) => (n === 'resource.department' ? D2 : undefined))).toBe(false);
    expect(holds(residual, (n) => (n === 'resource.department' ? null : undefined))).toBe(false);
    const office = compile('time.hour >= 9 and time.hour <= 17');
    expect(constantOf(reduce(office, bindings(context({}, 9))))).toBe(true);
    expect(constantOf(reduce(office, bindings(context({}, 18))))).toBe(false);
    expect(constantOf(reduce(compile('not (time.hour < 9)'), bindings(context({}, 8))))).toBe(false);
  });
});

describe('policy conditions: SQL', () => {
  it('translates with every value as a parameter and two-valued comparisons', () => {
    expect(sql("user.department == resource.department or 'admin' in user.roles")).toEqual({
      text: '($1::uuid is not distinct from t.department_id)',
      params: [D1],
    });
    expect(sql("resource.status != 'done' and resource.priority >= 'medium'")).toEqual({
      text: '((t.status is distinct from $1::text) and coalesce(array_position($2::text[], t.priority::text) >= $3::int, false))',
      params: ['done', ['low', 'medium', 'high'], 2],
    });
    expect(sql('not (resource.department in user.departments) and resource.assignee == null')).toEqual({
      text: '((not coalesce(t.department_id = any($1::uuid[]), false)) and (t.assignee_id is not distinct from null))',
      params: [[D1]],
    });
    expect(sql('resource.department in []').text).toBe('false');
    expect(sql('time.hour > 20 and resource.assignee == user.id', context({}, 10)).text).toBe('false');
  });

  it('never puts a text into the SQL, whatever it holds', () => {
    const { text, params } = sql(`resource.status == 'todo' or "x'); drop table tasks; --" in user.roles`);
    expect(text).not.toContain('drop');
    expect(params).toEqual(['todo']);
  });

  it('refuses a condition on an attribute the list has no column for', () => {
    const condition = reduce(compile("resource.status == 'todo'"), bindings(context()));
    expect(() => toSql(condition, { department: 't.department_id' }, () => '$1')).toThrow(NotTranslatable);
  });
});

describe('PolicySet and Actor', () => {
  const policy = (p: Partial<PolicyDefinition> & Pick<PolicyDefinition, 'effect' | 'condition'>) => ({
    id: p.name ?? p.condition,
    name: p.name ?? p.condition,
    permission: 'task:read',
    ...p,
  });
  const actor = (definitions: PolicyDefinition[], c = context(), platformAdmin = false) =>
    new Actor(
      U1,
      platformAdmin,
      'o1',
      defineAbility([{ permissions: ['task:read', 'task:update'], departmentIds: null }], false),
      new PolicySet(definitions, c, () => TASK),
    );
  const inD1 = { departmentId: D1, status: 'todo' };
  const inD2 = { departmentId: D2, status: 'done' };

  it('without policies, applies the grants as they are', () => {
    const a = actor([]);
    expect([a.can('read', 'Task'), a.can('read', 'Task', inD2)]).toEqual([true, true]);
    expect(a.scope('read', 'Task')).toMatchObject({ departments: 'all', condition: { value: true } });
  });

  it('allow policies narrow to where one of them holds; deny policies refuse where any holds', () => {
    const a = actor([
      policy({ effect: 'allow', condition: 'user.department == resource.department' }),
      policy({ effect: 'allow', condition: "resource.status == 'done'" }),
      policy({ effect: 'deny', condition: "resource.status == 'todo' and resource.assignee == null" }),
    ]);
    expect(a.can('read', 'Task', { ...inD1, assigneeId: U1 })).toBe(true);
    expect(a.can('read', 'Task', inD1)).toBe(false); // denied: todo and unassigned
    expect(a.can('read', 'Task', inD2)).toBe(true); // second allow
    expect(a.can('read', 'Task', { ...inD2, status: 'todo', assigneeId: U1 })).toBe(false); // no allow holds
    expect(a.can('update', 'Task', inD1)).toBe(true); // other permissions are untouched
  });

  it('refuses the whole permission when the policies can hold for no record (time of day)', () => {
    const office = [policy({ effect: 'allow', condition: 'time.hour >= 9 and time.hour <= 17' })];
    expect(actor(office, context({}, 12)).can('read', 'Task')).toBe(true);
    expect(actor(office, context({}, 20)).can('read', 'Task')).toBe(false);
    expect(actor(office, context({}, 20)).can('read', 'Task', inD1)).toBe(false);
    expect(actor(office, context({}, 20), true).can('read', 'Task', inD1)).toBe(true); // platform admin
    const deny = [policy({ effect: 'deny', condition: 'time.weekday >= 6' })];
    expect(actor(deny, context({}, 12)).can('read', 'Task')).toBe(true);
  });

  it('fails closed on a stored condition that no longer checks', () => {
    expect(actor([policy({ effect: 'allow', condition: 'resource.gone == 1' })]).can('read', 'Task')).toBe(
      false,
    );
    expect(actor([policy({ effect: 'deny', condition: 'resource.gone == 1' })]).can('read', 'Task')).toBe(
      false,
    );
  });
});
