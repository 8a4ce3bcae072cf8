import { ResourceAttributes } from './attributes';
import { ConditionError, parseCondition } from './expression';
import { checkCondition } from './type-check';

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
const check = (source: string) => checkCondition(parseCondition(source), TASK);
const failure = (source: string): ConditionError => {
  try {
    check(source);
  } catch (error) {
    if (error instanceof ConditionError) return error;
    throw error;
  }
  throw new Error(`'${source}' was accepted`);
};

describe('policy conditions: parsing', () => {
  it('parses the seed examples (keywords in any case) with and binding tighter than or', () => {
    expect(
      parseCondition("user.department == resource.department or user.role_level >= 'manager'"),
    ).toMatchObject({
      kind: 'logical',
      op: 'or',
      operands: [
        {
          kind: 'compare',
          op: '==',
          left: { name: 'user.department' },
          right: { name: 'resource.department' },
        },
        { kind: 'compare', op: '>=', right: { kind: 'literal', value: 'manager' } },
      ],
    });
    expect(parseCondition('time.hour >= 9 AND time.hour <= 17 OR False')).toMatchObject({
      op: 'or',
      operands: [{ op: 'and' }, { kind: 'literal', value: false }],
    });
  });

  it('parses not, not in, parentheses, lists, negative numbers, escapes and null', () => {
    expect(parseCondition("not (resource.status not in ['done', \"it\\'s\"])")).toMatchObject({
      kind: 'not',
      operand: { kind: 'not', operand: { op: 'in', right: { value: ['done', "it's"] } } },
    });
    expect(parseCondition('time.hour > -1 and resource.assignee != null')).toMatchObject({
      operands: [{ right: { value: -1 } }, { right: { value: null } }],
    });
    expect(parseCondition('[] == []')).toMatchObject({ left: { value: [] } });
  });

  it.each([
    ['user.department ==', 'Expected a value or an attribute but found the end of the condition', 19],
    ['(time.hour > 1', "Expected ')' but found the end of the condition", 15],
    ['time.hour = 9', "Unexpected '=': use '==' to compare", 11],
    ['time.hour > 9 && true', "Unexpected '&': use 'and'", 15],
    ["resource.status == 'todo", 'Unterminated string', 20],
    ['time.hour > 9 time.hour', "Expected 'and', 'or' or the end of the condition but found 'time'", 15],
    ['department == 1', "Unknown name 'department'", 1],
    ["user.roles.includes('admin')", "Function calls are not allowed ('user.roles.includes(...)')", 20],
    ["constructor('x')", "Function calls are not allowed ('constructor(...)')", 12],
    ['time.hour > 1 > 2', "Expected 'and', 'or' or the end of the condition but found '>'", 15],
    ["resource.status in ['a', user.id]", 'A list may only hold texts, numbers and booleans', 26],
    ['time.hour in [1, null]', 'A list may only hold texts, numbers and booleans', 18],
    ['9x > 1', 'Malformed number', 1],
  ])('refuses %p: %s at character %d', (source, message, position) => {
    const error = failure(source);
    expect(error.message).toBe(`${message} (at character ${position})`);
  });

  it('treats injection attempts as text or as syntax errors, never as code', () => {
    expect(check(`"x' or '1'='1" in user.roles`)).toMatchObject({ left: { value: "x' or '1'='1" } });
    expect(failure("resource.status == 'todo'' or 1=1 --'").message).toMatch(/^Expected 'and', 'or'/);
    expect(failure("resource.status == 'x'; drop table tasks").message).toMatch(/^Unexpected ';'/);
    expect(failure('process.exit(1)').message).toMatch(/^Function calls are not allowed/);
    expect(failure('this.constructor == 1').message).toMatch(/^Unknown attribute 'this.constructor'/);
    expect(failure('user.__proto__ == null').message).toMatch(/^Unknown attribute 'user.__proto__'/);
    expect(failure("resource.status == 'todo' or 1 == 1; --").message).toMatch(/^Unexpected ';'/);
    expect(failure('`x`').message).toMatch(/^Unexpected '`'/);
    expect(failure('a'.repeat(2001)).message).toMatch(/^A condition is at most 2000 characters/);
    expect(failure('('.repeat(40) + 'true' + ')'.repeat(40)).message).toMatch(
      /^Condition is nested too deeply/,
    );
  });
});

describe('policy conditions: type check', () => {
  it('accepts like-with-like comparisons and annotates casts and orders', () => {
    expect(check("resource.priority >= 'medium'")).toMatchObject({
      cast: 'text',
      order: ['low', 'medium', 'high'],
    });
    expect(check('resource.department in user.departments')).toMatchObject({ cast: 'uuid' });
    expect(check("'admin' in user.roles")).toMatchObject({ cast: 'text' });
    expect(check("resource.assignee == 'AAAAAAAA-0000-4000-8000-000000000000'")).toMatchObject({
      cast: 'uuid',
      right: { value: 'aaaaaaaa-0000-4000-8000-000000000000' },
    });
    expect(check('resource.assignee == user.id and resource.department != null')).toMatchObject({
      op: 'and',
    });
  });

  it.each([
    ['resource.budget > 1', /^Unknown attribute 'resource.budget' \(known: user.id, .*resource.priority\)/],
    ['user.department', /^Expected a condition: compare 'user.department' with something/],
    ["'x'", /^Expected a condition, found a value/],
    ["resource.status == 'archived'", /^Expected one of 'todo', 'done' but found "archived"/],
    ["resource.department == 'not-a-uuid'", /^Expected an id but found "not-a-uuid"/],
    ["resource.status > 'todo'", /^'>' compares numbers and levels only, not one of 'todo', 'done'/],
    ["user.role_level >= 'boss'", /^Expected one of 'member', 'manager', 'admin' but found "boss"/],
    ['time.hour == resource.department', /^Cannot compare an id with number/],
    ['resource.department == user.departments', /^Use 'in' to test membership in a list/],
    ['resource.status in user.roles', /^Cannot look for one of 'todo', 'done' in this list/],
    ['user.departments in user.departments', /^The left side of 'in' must be a single value/],
    ['resource.department in user.id', /^The right side of 'in' must be a list/],
    ['(time.hour > 1) == true', /^Compare attributes and values, not conditions/],
    ["'a' < 'b'", /^Cannot compare "a" with "b"/],
    ['time.hour < null', /^Expected number but found null/],
  ])('refuses %p', (source, message) => {
    expect(failure(source).message).toMatch(message);
  });
});
