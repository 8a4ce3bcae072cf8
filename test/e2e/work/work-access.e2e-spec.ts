import { randomUUID } from 'node:crypto';
import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('work access control', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let base: string;
  let admin: TestMember;

  const call = (
    token: string | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ) =>
    t.http.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}), {
      token,
    });
  const rowCount = async () =>
    (
      await t.ownerQuery<{ n: string }>(
        `select (select count(*) from tasks) + (select count(*) from projects) as n, (select coalesce(sum(version), 0) from tasks) as v`,
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
    org = await s.createOrganization();
    base = `/api/v1/organizations/${org.id}`;
    admin = await s.addMember(org.id, { roles: ['admin'] });
  });
  afterAll(() => t.close());

  describe('a grant narrowed to a department', () => {
    let d1: string;
    let d1Child: string;
    let d2: string;
    let narrowed: TestMember;
    const tasks: Record<string, string> = {};
    const projects: Record<string, string> = {};

    beforeAll(async () => {
      d1 = await s.createDepartment(org.id);
      d1Child = await s.createDepartment(org.id, d1);
      d2 = await s.createDepartment(org.id);
      // Built-in `member`: project:read, task:read, task:create, task:update, here only in d1 (and below).
      narrowed = await s.addMember(org.id, { roles: ['member'], grantDepartmentId: d1 });
      const create = async (kind: 'tasks' | 'projects', body: Record<string, unknown>) =>
        (await call(admin.token, 'POST', `${base}/${kind}`, body)).body.data.id as string;
      tasks.d1 = await create('tasks', { title: 'In d1', department_id: d1 });
      tasks.child = await create('tasks', { title: 'In d1 child', department_id: d1Child });
      tasks.d2 = await create('tasks', { title: 'In d2', department_id: d2 });
      tasks.none = await create('tasks', { title: 'In no department' });
      projects.d1 = await create('projects', { name: 'P d1', code: 'P-D1', department_id: d1 });
      projects.d2 = await create('projects', { name: 'P d2', code: 'P-D2', department_id: d2 });
    });

    it('lists only the tasks and projects of its departments (sub-departments included)', async () => {
      const list = await call(narrowed.token, 'GET', `${base}/tasks?sort=title`);
      expect(list.status).toBe(200);
      expect(list.body.data.map((task: { title: string }) => task.title)).toEqual(['In d1', 'In d1 child']);
      expect(list.body.meta.pagination.total).toBe(2);
      expect((await call(narrowed.token, 'GET', `${base}/tasks?department_id=${d2}`)).body.data).toEqual([]);
      const projectList = await call(narrowed.token, 'GET', `${base}/projects`);
      expect(projectList.body.data.map((p: { code: string }) => p.code)).toEqual(['P-D1']);
      const all = await call(admin.token, 'GET', `${base}/tasks`);
      expect(all.body.meta.pagination.total).toBeGreaterThanOrEqual(4);
    });

    it('gets 404 on other departments’ records, with the body of a record that does not exist', async () => {
      const missing = await call(narrowed.token, 'GET', `${base}/tasks/${randomUUID()}`);
      for (const id of [tasks.d2, tasks.none]) {
        const res = await call(narrowed.token, 'GET', `${base}/tasks/${id}`);
        expect(res.status).toBe(404);
        // Only the echoed id and the trace differ from the answer for an id that never existed.
        expect(res.body.error).toEqual({
          ...missing.body.error,
          details: { ...missing.body.error.details, id },
          trace_id: res.body.error.trace_id,
        });
      }
      expect((await call(narrowed.token, 'GET', `${base}/projects/${projects.d2}`)).status).toBe(404);
      expect((await call(narrowed.token, 'GET', `${base}/tasks/${tasks.child}`)).status).toBe(200);
      expect((await call(narrowed.token, 'GET', `${base}/projects/${projects.d1}`)).status).toBe(200);
    });

    it('cannot change other departments’ tasks (404) nor create or move tasks out of its reach (403)', async () => {
      const before = await rowCount();
      const changed = await call(narrowed.token, 'PATCH', `${base}/tasks/${tasks.d2}`, { title: 'hijacked' });
      expect(changed.status).toBe(404);
      expect(changed.body.error.code).toBe('BIZ002');
      for (const body of [{ title: 'x', department_id: d2 }, { title: 'x' }]) {
        const created = await call(narrowed.token, 'POST', `${base}/tasks`, body);
        expect(created.status).toBe(403);
        expect(created.body.error.code).toBe('AUTH004');
      }
      const moved = await call(narrowed.token, 'PATCH', `${base}/tasks/${tasks.d1}`, { department_id: d2 });
      expect(moved.status).toBe(403);
      expect(await rowCount()).toEqual(before);
    });

    it('works normally inside its departments', async () => {
      const created = await call(narrowed.token, 'POST', `${base}/tasks`, {
        title: 'Mine',
        department_id: d1Child,
      });
      expect(created.status).toBe(201);
      const changed = await call(narrowed.token, 'PATCH', `${base}/tasks/${created.body.data.id}`, {
        status: 'done',
        department_id: d1,
      });
      expect(changed.body.data).toMatchObject({ status: 'done', department_id: d1 });
    });
  });

  describe('authorization matrix', () => {
    type Caller = 'admin' | 'member' | 'no role' | 'non-member' | 'no token';
    type Target = { url: string; body?: unknown };
    const tokens = {} as Record<Caller, string | undefined>;
    // The built-in member role reads projects and reads, creates and changes tasks.
    const MEMBER_MAY = new Set([
      'GET projects',
      'GET project',
      'GET tasks',
      'GET task',
      'POST tasks',
      'PATCH task',
    ]);
    const expected = (caller: Caller, name: string, ok: number) =>
      ({
        admin: ok,
        member: MEMBER_MAY.has(name) ? ok : 403,
        'no role': 403,
        'non-member': 404,
        'no token': 401,
      })[caller];

    const fresh = async (kind: 'tasks' | 'projects') => {
      const body =
        kind === 'tasks' ? { title: 'Target' } : { name: 'Target', code: `T-${randomUUID().slice(0, 8)}` };
      return (await call(admin.token, 'POST', `${base}/${kind}`, body)).body.data.id as string;
    };
    const endpoints: {
      name: string;
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
      ok: number;
      target: () => Target | Promise<Target>;
    }[] = [
      { name: 'GET projects', method: 'GET', ok: 200, target: () => ({ url: `${base}/projects` }) },
      {
        name: 'POST projects',
        method: 'POST',
        ok: 201,
        target: () => ({
          url: `${base}/projects`,
          body: { name: 'New', code: `N-${randomUUID().slice(0, 8)}` },
        }),
      },
      {
        name: 'GET project',
        method: 'GET',
        ok: 200,
        target: async () => ({ url: `${base}/projects/${await fresh('projects')}` }),
      },
      {
        name: 'PATCH project',
        method: 'PATCH',
        ok: 200,
        target: async () => ({
          url: `${base}/projects/${await fresh('projects')}`,
          body: { name: 'Renamed' },
        }),
      },
      {
        name: 'DELETE project',
        method: 'DELETE',
        ok: 204,
        target: async () => ({ url: `${base}/projects/${await fresh('projects')}` }),
      },
      { name: 'GET tasks', method: 'GET', ok: 200, target: () => ({ url: `${base}/tasks` }) },
      {
        name: 'POST tasks',
        method: 'POST',
        ok: 201,
        target: () => ({ url: `${base}/tasks`, body: { title: 'New' } }),
      },
      {
        name: 'GET task',
        method: 'GET',
        ok: 200,
        target: async () => ({ url: `${base}/tasks/${await fresh('tasks')}` }),
      },
      {
        name: 'PATCH task',
        method: 'PATCH',
        ok: 200,
        target: async () => ({ url: `${base}/tasks/${await fresh('tasks')}`, body: { status: 'done' } }),
      },
      {
        name: 'DELETE task',
        method: 'DELETE',
        ok: 204,
        target: async () => ({ url: `${base}/tasks/${await fresh('tasks')}` }),
      },
    ];

    beforeAll(async () => {
      tokens.admin = admin.token;
      tokens.member = (await s.addMember(org.id, { roles: ['member'] })).token;
      tokens['no role'] = (await s.addMember(org.id)).token;
      tokens['non-member'] = (
        await s.addMember((await s.createOrganization()).id, { roles: ['admin'] })
      ).token;
      tokens['no token'] = undefined;
    });

    it.each(['admin', 'member', 'no role', 'non-member', 'no token'] as Caller[])('%s', async (caller) => {
      for (const endpoint of endpoints) {
        const { url, body } = await endpoint.target();
        const before = await rowCount();
        const res = await call(tokens[caller], endpoint.method, url, body);
        const want = expected(caller, endpoint.name, endpoint.ok);
        expect({ endpoint: endpoint.name, status: res.status }).toEqual({
          endpoint: endpoint.name,
          status: want,
        });
        if (want >= 400) {
          expect(res.body.error.code).toBe({ 401: 'AUTH003', 403: 'AUTH004', 404: 'BIZ002' }[want]);
          expect(await rowCount()).toEqual(before);
        }
      }
    });
  });

  describe('across organizations', () => {
    let other: TestOrganization;
    let otherAdmin: TestMember;
    let task: string;
    let project: string;

    beforeAll(async () => {
      other = await s.createOrganization();
      otherAdmin = await s.addMember(other.id, { roles: ['admin'] });
      task = (await call(admin.token, 'POST', `${base}/tasks`, { title: 'Ours' })).body.data.id;
      project = (await call(admin.token, 'POST', `${base}/projects`, { name: 'Ours', code: 'OURS' })).body
        .data.id;
    });

    it('never shows, changes or deletes another organization’s records, even through its own path', async () => {
      const before = await rowCount();
      const theirBase = `/api/v1/organizations/${other.id}`;
      for (const [method, url, body] of [
        ['GET', `${theirBase}/tasks/${task}`],
        ['PATCH', `${theirBase}/tasks/${task}`, { title: 'hijacked' }],
        ['DELETE', `${theirBase}/tasks/${task}`],
        ['GET', `${theirBase}/projects/${project}`],
        ['PATCH', `${theirBase}/projects/${project}`, { name: 'hijacked' }],
        ['DELETE', `${theirBase}/projects/${project}`],
        ['GET', `${base}/tasks/${task}`],
        ['GET', `${base}/tasks`],
      ] as const) {
        const res = await call(otherAdmin.token, method, url, body);
        expect({ method, url, status: res.status, code: res.body.error.code }).toEqual({
          method,
          url,
          status: 404,
          code: 'BIZ002',
        });
      }
      const list = await call(otherAdmin.token, 'GET', `${theirBase}/tasks`);
      expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(task);
      expect(await rowCount()).toEqual(before);
    });

    it('refuses to attach another organization’s project to a task (422)', async () => {
      const res = await call(otherAdmin.token, 'POST', `/api/v1/organizations/${other.id}/tasks`, {
        title: 'x',
        project_id: project,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VAL002');
    });
  });
});
