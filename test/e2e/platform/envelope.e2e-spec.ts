import { Scenario, startTestApp, TestApp } from '@erp/test-support';

/** Replaces the parts of an envelope that change on every call, so the rest can be snapshot. */
function stable(body: any): unknown {
  return {
    ...body,
    meta: { ...body.meta, timestamp: '<timestamp>', request_id: '<request-id>', execution_time_ms: '<ms>' },
    ...(body.error ? { error: { ...body.error, trace_id: '<request-id>' } } : {}),
  };
}

describe('response envelope and error bodies', () => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
  });
  afterAll(() => t.close());

  it('wraps a success with meta, and keeps a valid incoming request id', async () => {
    const res = await t.http.get('/health/live', { headers: { 'x-request-id': 'client-req.42' } });
    expect(res.headers['x-request-id']).toBe('client-req.42');
    expect(res.body.meta.request_id).toBe('client-req.42');
    expect(res.body.meta.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(typeof res.body.meta.execution_time_ms).toBe('number');
    expect(stable(res.body)).toMatchSnapshot();
  });

  it('replaces an invalid request id with a generated one', async () => {
    const res = await t.http.get('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a list with pagination meta', async () => {
    await s.createOrganization();
    const res = await t.http.get('/api/v1/organizations', { token: await s.admin(), query: { size: 1 } });
    expect(res.body.meta.pagination).toEqual({ page: 1, size: 1, total: 1, pages: 1 });
  });

  it.each(['en', 'ja'])('renders error bodies in %s', async (language) => {
    const headers = { 'accept-language': language };
    const token = await s.admin();
    const bodies = {
      unauthenticated: (await t.http.get('/api/v1/auth/me', { headers })).body,
      notFound: (
        await t.http.get('/api/v1/organizations/00000000-0000-4000-8000-000000000001', { token, headers })
      ).body,
      validation: (
        await t.http.post('/api/v1/organizations', { code: 'x'.repeat(51), extra: true }, { token, headers })
      ).body,
      route: (await t.http.get('/api/v1/no-such-thing', { headers })).body,
    };
    for (const body of Object.values(bodies)) {
      expect(body.success).toBe(false);
      expect(body.data).toBeNull();
      expect(body.error.trace_id).toBe(body.meta.request_id);
      expect(JSON.stringify(body)).not.toMatch(/stack|QueryFailedError|typeorm|postgres|at \w+ \(/i);
    }
    expect(Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, stable(v)]))).toMatchSnapshot();
  });

  it('refuses a body over the limit with 413 REQ001 and malformed JSON with 400', async () => {
    const token = await s.admin();
    const big = JSON.stringify({ name: 'x'.repeat(1_100_000), code: 'big' });
    const tooLarge = await t.http.request('POST', '/api/v1/organizations', big, {
      token,
      headers: { 'content-type': 'application/json' },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('REQ001');
    const malformed = await t.http.request('POST', '/api/v1/organizations', '{"name": ', {
      token,
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('REQ003');
    const wrongType = await t.http.request('POST', '/api/v1/organizations', 'name=x', {
      token,
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('REQ004');
    const [{ n }] = await t.ownerQuery<{ n: number }>(
      `select count(*)::int as n from organizations where code = 'big'`,
    );
    expect(n).toBe(0);
  });

  it('serves the error registry', async () => {
    const res = await t.http.get('/api/v1/meta/errors');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(
      expect.arrayContaining([
        {
          code: 'BIZ002',
          status: 404,
          title: 'Resource not found',
          messages: { en: '{resource} not found', ja: '{resource} が見つかりません' },
        },
      ]),
    );
  });

  it('reports readiness and liveness without authentication', async () => {
    expect((await t.http.get('/health/live')).body.data).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready')).body.data).toEqual({
      status: 'ok',
      checks: { database: 'up', cache: 'up' },
    });
  });
});
