import { Scenario, startOrganizationApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

describe('Idempotency-Key and optimistic concurrency (contract §7)', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let admin: TestMember;
  let base: string;

  const postTask = (body: unknown, key?: string, token = admin.token) =>
    t.http.post(`${base}/tasks`, body, { token, headers: key ? { 'idempotency-key': key } : {} });
  const tasksTitled = async (title: string) =>
    (
      await t.ownerQuery<{ n: number }>(
        'select count(*)::int as n from tasks where organization_id = $1 and title = $2',
        [org.id, title],
      )
    )[0].n;

  beforeAll(async () => {
    ({ t, s, org, admin, base } = await startOrganizationApp());
  });
  afterAll(() => t.close());

  it('replays the first answer for a repeat with the same key and body, storing one task', async () => {
    const first = await postTask({ title: 'Replay me', priority: 'high' }, 'key-replay-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await postTask({ priority: 'high', title: 'Replay me' }, 'key-replay-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.body.meta.request_id).not.toBe(first.body.meta.request_id);
    expect(await tasksTitled('Replay me')).toBe(1);
  });

  it('refuses the same key with another body (422 IDEM001) and stores nothing more', async () => {
    expect((await postTask({ title: 'Original' }, 'key-mismatch')).status).toBe(201);
    const other = await postTask({ title: 'Something else' }, 'key-mismatch');
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEM001');
    expect(await tasksTitled('Something else')).toBe(0);
  });

  it('treats the same key on another route as another request (IDEM001)', async () => {
    expect((await postTask({ title: 'Route one' }, 'key-route')).status).toBe(201);
    const elsewhere = await t.http.post(
      `${base}/projects`,
      { name: 'P', code: 'IDEM-P' },
      { token: admin.token, headers: { 'idempotency-key': 'key-route' } },
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.code).toBe('IDEM001');
  });

  it('scopes keys per principal: another user may use the same key', async () => {
    const other = await s.addMember(org.id, { roles: ['admin'] });
    expect((await postTask({ title: 'Mine' }, 'shared-key')).status).toBe(201);
    const theirs = await postTask({ title: 'Theirs' }, 'shared-key', other.token);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await tasksTitled('Theirs')).toBe(1);
  });

  it('does not remember failures: a retry after a refused request runs again', async () => {
    const bad = await postTask({ title: 'x'.repeat(1000) }, 'key-after-failure');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toMatch(/^VAL/);
    const good = await postTask({ title: 'After failure' }, 'key-after-failure');
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 422 VAL002 on the header, storing nothing', async () => {
    const response = await postTask({ title: 'Bad key' }, 'has spaces in it');
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VAL002');
    expect(response.body.error.field_errors[0].field).toBe('Idempotency-Key');
    expect(await tasksTitled('Bad key')).toBe(0);
    const long = await postTask({ title: 'Bad key' }, 'k'.repeat(256));
    expect(long.status).toBe(422);
  });

  it('20 concurrent POSTs with one key create exactly one row; the others replay or get 409 IDEM002', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postTask({ title: 'Concurrent create' }, 'key-concurrent')),
    );
    expect(await tasksTitled('Concurrent create')).toBe(1);
    const created = answers.filter((a) => a.status === 201);
    const busy = answers.filter((a) => a.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of busy) expect(a.body.error.code).toBe('IDEM002');
    const ids = new Set(created.map((a) => (a.body.data as { id: string }).id));
    expect(ids.size).toBe(1);
    // Once the first has committed, a retry replays it.
    const retry = await postTask({ title: 'Concurrent create' }, 'key-concurrent');
    expect(retry.status).toBe(201);
    expect(retry.body.data.id).toBe([...ids][0]);
  });

  it('20 concurrent PATCHes with one ETag: exactly one succeeds, the rest get 412 CONC001', async () => {
    const created = await postTask({ title: 'Contended' });
    const url = created.headers.location as string;
    const etag = (await t.http.get(url, { token: admin.token })).headers.etag as string;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http.patch(
          url,
          { description: `writer ${i}` },
          { token: admin.token, headers: { 'if-match': etag } },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(19);
    for (const a of refused) {
      expect(a.status).toBe(412);
      expect(a.body.error.code).toBe('CONC001');
    }
    const [row] = await t.ownerQuery<{ version: number }>('select version from tasks where id = $1', [
      created.body.data.id,
    ]);
    expect(row.version).toBe(2);
  });

  it('documents the header on authenticated POSTs only', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    const names = (path: string) => (doc.paths[path].post.parameters ?? []).map((p) => p.name);
    expect(names('/api/v1/organizations/{organizationId}/tasks')).toContain('Idempotency-Key');
    expect(names('/api/v1/auth/token/obtain')).not.toContain('Idempotency-Key');
  });
});
