import { DataSource } from 'typeorm';
import { RecordCache, RecordCacheStats } from '@erp/platform';
import { AbacFixture, startSecondInstance, startTestApp, TestApp, TestHttp } from '@erp/test-support';

describe('read-through cache of tasks and projects by id (issue 4, caching)', () => {
  let t: TestApp;
  let f: AbacFixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await new AbacFixture(t).setUp();
  });
  afterAll(() => t.close());

  const stats = (type: string): RecordCacheStats => ({
    hits: 0,
    misses: 0,
    bypassed: 0,
    ...t.app.get(RecordCache).stats.get(type),
  });
  const moved = (before: RecordCacheStats, type: string) => {
    const now = stats(type);
    return {
      hits: now.hits - before.hits,
      misses: now.misses - before.misses,
      bypassed: now.bypassed - before.bypassed,
    };
  };
  const get = (path: string, token: string, http: TestHttp = t.http) =>
    http.get(`${f.base}/${path}`, { token });
  const newTask = async (title: string) =>
    (await t.http.post(`${f.base}/tasks`, { title }, { token: f.admin.token })).body.data.id as string;

  it('answers the second read from the cache: same body and ETag, counted in /metrics', async () => {
    const id = await newTask('Cached');
    const before = stats('Task');
    const first = await get(`tasks/${id}`, f.admin.token);
    const second = await get(`tasks/${id}`, f.admin.token);
    expect(moved(before, 'Task')).toEqual({ hits: 1, misses: 1, bypassed: 0 });
    expect(second.status).toBe(200);
    expect(second.headers.etag).toBe(`"${id}.1"`);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.data).toEqual(first.body.data);
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/record_cache_lookups_total\{type="Task",result="hits"\} [1-9]/);
    expect(metrics).toMatch(/record_cache_hit_rate\{type="Task"\} 0\.\d+/);
  });

  it('answers a hit without borrowing a database connection', async () => {
    const id = await newTask('No connection');
    await get(`tasks/${id}`, f.member.token); // fills the caches (record and authorization)
    const driver = t.app.get(DataSource).driver as unknown as { obtainMasterConnection(): Promise<unknown> };
    const spy = jest.spyOn(driver, 'obtainMasterConnection');
    try {
      expect((await get(`tasks/${id}`, f.member.token)).status).toBe(200);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('never serves a stale record through another instance after a write or a delete', async () => {
    const other = await startSecondInstance(t);
    try {
      const id = await newTask('Before');
      for (const http of [t.http, other.http]) await get(`tasks/${id}`, f.admin.token, http);
      expect((await get(`tasks/${id}`, f.admin.token, other.http)).body.data.title).toBe('Before'); // a hit
      const changed = await t.http.patch(
        `${f.base}/tasks/${id}`,
        { title: 'After' },
        {
          token: f.admin.token,
          headers: { 'if-match': `"${id}.1"` },
        },
      );
      expect(changed.status).toBe(200);
      const seen = await get(`tasks/${id}`, f.admin.token, other.http);
      expect([seen.body.data.title, seen.headers.etag]).toEqual(['After', `"${id}.2"`]);
      expect((await get(`tasks/${id}`, f.admin.token)).headers.etag).toBe(`"${id}.2"`);

      const project = (
        await t.http.post(`${f.base}/projects`, { name: 'P', code: 'RC-1' }, { token: f.admin.token })
      ).body.data.id as string;
      for (const http of [t.http, other.http]) await get(`projects/${project}`, f.admin.token, http);
      await other.http.patch(
        `${f.base}/projects/${project}`,
        { name: 'Renamed', budget_amount: 42 },
        {
          token: f.admin.token,
        },
      );
      const renamed = await get(`projects/${project}`, f.admin.token);
      expect(renamed.body.data).toMatchObject({ name: 'Renamed', budget_amount: 42, version: 2 });

      expect((await t.http.delete(`${f.base}/tasks/${id}`, { token: f.admin.token })).status).toBe(204);
      for (const http of [t.http, other.http]) {
        const gone = await get(`tasks/${id}`, f.admin.token, http);
        expect([gone.status, gone.body.error.code]).toEqual([404, 'BIZ002']);
      }
    } finally {
      await other.close();
    }
  });

  it("keeps another organization's record a 404, even while it is cached for its own organization", async () => {
    const otherAdmin = await f.s.addMember(f.other.id, { roles: ['admin'] });
    const otherBase = `/api/v1/organizations/${f.other.id}`;
    const id = (await t.http.post(`${otherBase}/tasks`, { title: 'Theirs' }, { token: otherAdmin.token }))
      .body.data.id as string;
    for (let i = 0; i < 2; i++)
      expect((await t.http.get(`${otherBase}/tasks/${id}`, { token: otherAdmin.token })).status).toBe(200);
    const before = stats('Task');
    const foreign = await get(`tasks/${id}`, f.admin.token);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'BIZ002']);
    expect(moved(before, 'Task')).toEqual({ hits: 0, misses: 1, bypassed: 0 });
  });

  it('applies the record-level policy on a hit: a record the policy hides stays hidden', async () => {
    await get(`tasks/${f.tasks.d2}`, f.admin.token); // cached, seen by someone who may
    const policy = await f.createPolicy(); // members see their own department's tasks only
    try {
      const before = stats('Task');
      const hidden = await get(`tasks/${f.tasks.d2}`, f.member.token);
      expect([hidden.status, hidden.body.error.code]).toEqual([404, 'BIZ002']);
      expect(moved(before, 'Task').hits).toBe(1);
      expect((await get(`tasks/${f.tasks.d2}`, f.manager.token)).status).toBe(200);
    } finally {
      await f.deletePolicy(policy);
    }
    expect((await get(`tasks/${f.tasks.d2}`, f.member.token)).status).toBe(200);
  });

  it('shows the budget on a hit only to callers with project:read_budget', async () => {
    const id = (
      await t.http.post(
        `${f.base}/projects`,
        { name: 'B', code: 'RC-B', budget_amount: 99.5 },
        {
          token: f.admin.token,
        },
      )
    ).body.data.id as string;
    const full = await get(`projects/${id}`, f.admin.token);
    expect(full.body.data.budget_amount).toBe(99.5);
    const before = stats('Project');
    const narrowed = await get(`projects/${id}`, f.member.token);
    expect(moved(before, 'Project').hits).toBe(1);
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.data).not.toHaveProperty('budget_amount');
    expect(narrowed.headers.etag).toBe(full.headers.etag);
    expect((await get(`projects/${id}`, f.admin.token)).body.data.budget_amount).toBe(99.5);
  });

  it('caches in memory without REDIS_URL, with the same answers', async () => {
    const memory = await startSecondInstance(t, { REDIS_URL: '' });
    try {
      const id = await newTask('In memory');
      const first = await get(`tasks/${id}`, f.member.token, memory.http);
      const second = await get(`tasks/${id}`, f.member.token, memory.http);
      expect([second.status, second.body.data, second.headers.etag]).toEqual([
        200,
        first.body.data,
        `"${id}.1"`,
      ]);
      const metrics = (await memory.http.get('/metrics')).text;
      expect(metrics).toMatch(/record_cache_lookups_total\{type="Task",result="hits"\} 1\b/);
      await memory.http.patch(`${f.base}/tasks/${id}`, { title: 'Changed' }, { token: f.admin.token });
      expect((await get(`tasks/${id}`, f.member.token, memory.http)).body.data.title).toBe('Changed');
    } finally {
      await memory.close();
    }
  });

  it('answers from the database when Redis is unreachable', async () => {
    const offline = await startSecondInstance(t, { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const id = await newTask('Offline');
      const online = await get(`tasks/${id}`, f.admin.token);
      for (let i = 0; i < 2; i++) {
        const res = await get(`tasks/${id}`, f.admin.token, offline.http);
        expect(res.status).toBe(200);
        expect([res.body.data, res.headers.etag]).toEqual([online.body.data, online.headers.etag]);
      }
      const changed = await offline.http.patch(
        `${f.base}/tasks/${id}`,
        { title: 'Changed offline' },
        {
          token: f.admin.token,
        },
      );
      expect(changed.status).toBe(200);
    } finally {
      await offline.close();
    }
  });
});
