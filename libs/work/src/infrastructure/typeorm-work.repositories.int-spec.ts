import { createTestDatabase, TestDatabase } from '@erp/test-support';
import { Project } from '../domain/project';
import { Task } from '../domain/task';
import { SqlWorkReferences } from './sql-work-references';
import { TypeOrmProjectRepository } from './typeorm-project.repository';
import { TypeOrmTaskRepository } from './typeorm-task.repository';
import { WorkDatabase } from './work.int-fixtures';

describe('work repositories (PostgreSQL)', () => {
  let test: TestDatabase;
  let db: WorkDatabase;
  let projects: TypeOrmProjectRepository;
  let tasks: TypeOrmTaskRepository;
  let references: SqlWorkReferences;
  let org: string;
  let otherOrg: string;
  let creator: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    db = await WorkDatabase.open(test.url);
    projects = new TypeOrmProjectRepository(db.tx, db.cache);
    tasks = new TypeOrmTaskRepository(db.tx, db.cache);
    references = new SqlWorkReferences(db.tx);
    [org, otherOrg] = [await db.organization(), await db.organization()];
    creator = await db.member(org);
  });

  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  it('adds a project and reads it back with its dates, timestamps and version', async () => {
    const department = await db.department(org);
    const input = {
      name: 'Retrofit',
      code: 'R-1',
      departmentId: department,
      startsOn: '2026-01-05',
      endsOn: '2026-02-01',
    };
    const project = Project.create(org, input, creator);
    await db.as(org, () => projects.add(project));
    expect(project.version).toBe(1);
    expect(project.createdAt).toBeInstanceOf(Date);
    const loaded = await db.as(org, () => projects.findById(org, project.id, { forUpdate: true }));
    expect(loaded).toBeInstanceOf(Project);
    expect(loaded).toMatchObject({
      ...input,
      organizationId: org,
      status: 'planned',
      createdBy: creator,
      version: 1,
    });
  });

  it('updates in one statement, bumping version and updated_at', async () => {
    const project = Project.create(org, { name: 'Before', code: 'R-2' }, creator);
    await db.as(org, () => projects.add(project));
    const before = project.updatedAt;
    await db.as(org, async () => {
      const loaded = (await projects.findById(org, project.id, { forUpdate: true }))!;
      loaded.change({ name: 'After', endsOn: '2026-12-31' });
      await projects.update(loaded);
      expect(loaded.version).toBe(2);
      expect(loaded.updatedAt.getTime()).toBeGreaterThan(before.getTime());
    });
    const [row] = await db.owner.query(`select name, ends_on::text, version from projects where id = $1`, [
      project.id,
    ]);
    expect(row).toEqual({ name: 'After', ends_on: '2026-12-31', version: 2 });
  });

  it('reports a code taken concurrently as ProjectCodeTaken (BIZ001), not a database error', async () => {
    await db.as(org, () => projects.add(Project.create(org, { name: 'A', code: 'DUP' }, creator)));
    expect(await db.as(org, () => projects.codeTaken(org, 'DUP'))).toBe(true);
    expect(await db.as(otherOrg, () => projects.codeTaken(otherOrg, 'DUP'))).toBe(false);
    await expect(
      db.as(org, () => projects.add(Project.create(org, { name: 'B', code: 'DUP' }, creator))),
    ).rejects.toMatchObject({ code: 'BIZ001', params: { resource: 'Project', field: 'code' } });
    // The same code in another organization is fine.
    await db.as(otherOrg, () => projects.add(Project.create(otherOrg, { name: 'C', code: 'DUP' }, creator)));
  });

  it('counts the tasks of a project, and removes tasks and projects', async () => {
    const project = await db.project(org);
    const task = Task.create(org, { title: 'Do it', projectId: project, dueDate: '2026-02-28' }, creator);
    await db.as(org, () => tasks.add(task));
    expect(await db.as(org, () => projects.countTasks(org, project))).toBe(1);
    await db.as(org, async () => {
      const loaded = (await tasks.findById(org, task.id))!;
      expect(loaded).toMatchObject({
        title: 'Do it',
        dueDate: '2026-02-28',
        status: 'todo',
        priority: 'medium',
        version: 1,
      });
      loaded.change({ status: 'done', dueDate: null });
      await tasks.update(loaded);
      expect(loaded.version).toBe(2);
      await tasks.remove(loaded);
    });
    expect(await db.as(org, () => projects.countTasks(org, project))).toBe(0);
    await db.as(org, async () => projects.remove((await projects.findById(org, project))!));
    expect(await db.owner.query(`select id from projects where id = $1`, [project])).toEqual([]);
  });

  it('never loads or changes another organization’s records', async () => {
    const theirs = await db.project(otherOrg, { name: 'Theirs' });
    expect(await db.as(org, () => projects.findById(otherOrg, theirs))).toBeNull();
    const forged = Object.assign(new Project(), { id: theirs, organizationId: otherOrg });
    await db.as(org, () => projects.remove(forged));
    expect(await db.owner.query(`select name from projects where id = $1`, [theirs])).toEqual([
      { name: 'Theirs' },
    ]);
  });

  it('finds which references name nothing usable in the organization', async () => {
    const department = await db.department(org);
    const project = await db.project(org);
    const former = await db.member(org, false);
    const outsider = await db.member(otherOrg);
    const missing = (ids: Parameters<SqlWorkReferences['missing']>[1]) =>
      db.as(org, () => references.missing(org, ids));
    expect(await missing({ projectId: project, departmentId: department, assigneeId: creator })).toEqual([]);
    expect(await missing({})).toEqual([]);
    expect(await missing({ assigneeId: former })).toEqual(['assigneeId']);
    expect(await missing({ assigneeId: outsider })).toEqual(['assigneeId']);
    expect(
      await missing({ projectId: await db.project(otherOrg), departmentId: await db.department(otherOrg) }),
    ).toEqual(['projectId', 'departmentId']);
  });
});
