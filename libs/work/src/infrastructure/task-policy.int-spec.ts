import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '@erp/test-support';
import {
  Actor,
  ContextValues,
  defineAbility,
  PolicyDefinition,
  PolicySet,
  toPageRequest,
} from '@erp/platform';
import { TASK_PRIORITIES, TASK_STATUSES } from '../domain/task';
import { TASK_ATTRIBUTES } from '../application/work-policy-subjects';
import { TASK_SORT, TaskQueries } from './task.queries';
import { WorkDatabase } from './work.int-fixtures';

interface TaskRecord {
  id: string;
  departmentId: string | null;
  assigneeId: string | null;
  createdBy: string | null;
  projectId: string | null;
  status: string;
  priority: string;
}

/**
 * The property ABAC rests on: for random policies, callers and moments, the list query (policies
 * translated to SQL) returns exactly the tasks for which the single-record decision (`Actor.can`,
 * policies evaluated in TypeScript) allows `read`.
 */
describe('task policies: list = records a single decision allows (PostgreSQL, fast-check)', () => {
  let test: TestDatabase;
  let db: WorkDatabase;
  let queries: TaskQueries;
  let org: string;
  let departments: string[];
  let members: string[];
  let projects: string[];
  const tasks: TaskRecord[] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    db = await WorkDatabase.open(test.url);
    queries = new TaskQueries(db.tx, db.cache);
    org = await db.organization();
    departments = [await db.department(org), await db.department(org), await db.department(org)];
    members = [await db.member(org), await db.member(org), await db.member(org)];
    projects = [await db.project(org), await db.project(org)];
    const pick = <T>(values: readonly T[], i: number): T => values[i % values.length];
    for (let i = 0; i < 48; i++) {
      const record: TaskRecord = {
        id: randomUUID(),
        departmentId: pick([...departments, null], i),
        assigneeId: pick([...members, null], Math.floor(i / 4)),
        createdBy: pick([...members, null], Math.floor(i / 3) + 1),
        projectId: pick([...projects, null], Math.floor(i / 5)),
        status: pick(TASK_STATUSES, Math.floor(i / 2)),
        priority: pick(TASK_PRIORITIES, Math.floor(i / 7)),
      };
      await db.task(org, {
        id: record.id,
        department_id: record.departmentId,
        assignee_id: record.assigneeId,
        created_by: record.createdBy,
        project_id: record.projectId,
        status: record.status,
        priority: record.priority,
      });
      tasks.push(record);
    }
  });
  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  const quote = (v: string) => `'${v}'`;
  const condition = (): fc.Arbitrary<string> => {
    const id = () => fc.constantFrom(...members, randomUUID());
    const atom = fc.oneof(
      fc.constantFrom(
        'resource.department == user.department',
        'resource.department in user.departments',
        'resource.assignee == user.id',
        'resource.created_by == user.id',
        'resource.department == null',
        'resource.assignee != null',
        "user.role_level >= 'manager'",
        "'admin' in user.roles",
        'time.hour >= 9 and time.hour <= 17',
        'true',
        'false',
      ),
      fc
        .tuple(fc.constantFrom('==', '!='), fc.constantFrom(...TASK_STATUSES))
        .map(([op, s]) => `resource.status ${op} ${quote(s)}`),
      fc
        .tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>='), fc.constantFrom(...TASK_PRIORITIES))
        .map(([op, p]) => `resource.priority ${op} ${quote(p)}`),
      fc.subarray([...TASK_STATUSES]).map((s) => `resource.status in [${s.map(quote).join(', ')}]`),
      fc.constantFrom(...departments).map((d) => `resource.department == ${quote(d)}`),
      fc.subarray(projects).map((p) => `resource.project not in [${p.map(quote).join(', ')}]`),
      id().map((u) => `resource.assignee == ${quote(u)}`),
    );
    const tree = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc
          .tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('node').map((a) => `not ${a}`),
      ),
    }));
    return tree.node;
  };
  it('holds for random policies, callers, moments and department grants', async () => {
    const policies = fc.array(
      fc.record({ effect: fc.constantFrom('allow' as const, 'deny' as const), condition: condition() }),
      { maxLength: 3 },
    );
    const context = fc.record({
      id: fc.constantFrom(...members, randomUUID()),
      department: fc.option(fc.integer({ min: 0, max: 2 })),
      departments: fc.subarray([0, 1, 2]),
      roleLevel: fc.constantFrom('member' as const, 'manager' as const, 'admin' as const, null),
      roles: fc.subarray(['member', 'admin', 'manager']),
      hour: fc.integer({ min: 0, max: 23 }),
    });
    const grantScope = fc.option(fc.subarray([0, 1, 2], { minLength: 1 }), { nil: null });
    await fc.assert(
      fc.asyncProperty(policies, context, grantScope, async (drawn, who, scope) => {
        const definitions: PolicyDefinition[] = drawn.map((p, i) => ({
          id: `p${i}`,
          name: `p${i}`,
          permission: 'task:read',
          ...p,
        }));
        const values: ContextValues = {
          user: {
            id: who.id,
            department: who.department === null ? null : departments[who.department],
            departments: who.departments.map((i) => departments[i]),
            roleLevel: who.roleLevel,
            roles: who.roles,
          },
          now: new Date(Date.UTC(2026, 2, 2, who.hour, 30)),
        };
        const grants = [
          { permissions: ['task:read'], departmentIds: scope && scope.map((i) => departments[i]) },
        ];
        const actor = new Actor(
          who.id,
          false,
          org,
          defineAbility(grants, false),
          new PolicySet(definitions, values, () => TASK_ATTRIBUTES),
        );
        const expected = tasks
          .filter((t) => actor.can('read', 'Task', t))
          .map((t) => t.id)
          .sort();
        const request = toPageRequest({ size: 100 }, TASK_SORT, 'created_at');
        const page = await db.as(org, () => queries.list(org, actor.scope('read', 'Task'), {}, request));
        expect(page.items.map((t) => t.id).sort()).toEqual(expected);
        expect(page.total).toBe(expected.length);
      }),
      { numRuns: 150 },
    );
  });
});
