import { Lifecycle } from '@erp/platform';
import { OrganizationApp, spawnApp, startOrganizationApp, waitFor } from '@erp/test-support';

describe('metrics and graceful shutdown (issue 4, observability)', () => {
  let o: OrganizationApp;
  beforeAll(async () => {
    o = await startOrganizationApp();
  });
  afterAll(() => o.t.close());

  it('serves Prometheus metrics with the seed names, labelled by route pattern, without authentication', async () => {
    for (let i = 0; i < 3; i++) await o.t.http.get(`${o.base}/tasks`, { token: o.admin.token });
    const res = await o.t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    const count =
      /api_requests_total\{method="GET",route="\/api\/v1\/organizations\/:organizationId\/tasks",status="200"\} (\d+)/.exec(
        text,
      );
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain(o.org.id); // raw paths never become labels
    for (const name of [
      'api_request_duration_seconds_bucket',
      'database_connections_active',
      'database_pool_connections{state="total"}',
      'cache_hit_rate',
      'cache_lookups_total{result="hits"}',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'job_queue_jobs{queue="security.scan",state="queued"}',
    ])
      expect(text).toContain(name);
    const hitRate = Number(/^cache_hit_rate ([\d.]+)$/m.exec(text)?.[1]);
    expect(hitRate).toBeGreaterThan(0);
  });

  it('reports unready (503 SYS004 with Retry-After) once shutdown begins, while still answering', async () => {
    const other = await startOrganizationApp();
    try {
      expect((await other.t.http.get('/health/ready')).status).toBe(200);
      other.t.app.get(Lifecycle).beginShutdown();
      const ready = await other.t.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.code).toBe('SYS004');
      expect(ready.headers['retry-after']).toBe('1');
      expect((await other.t.http.get(`${other.base}/tasks`, { token: other.admin.token })).status).toBe(200);
    } finally {
      await other.t.close();
    }
  });

  it('on SIGTERM: unready during the drain, in-flight requests answered, then exit 0', async () => {
    const api = await spawnApp('apps/api/src/main.ts', 'PORT', { SHUTDOWN_DRAIN_SECONDS: '2' });
    try {
      const inFlight = fetch(`${api.base}/health/live`);
      const stopped = api.stop();
      expect((await inFlight).status).toBe(200);
      await waitFor(async () => (await fetch(`${api.base}/health/ready`)).status === 503, 1_500);
      expect((await fetch(`${api.base}/health/live`)).status).toBe(200); // still answering while draining
      const code = await stopped;
      expect({ code, output: code === 0 ? '' : api.output() }).toEqual({ code: 0, output: '' });
      expect(api.output()).toContain('Stopped');
    } finally {
      await api.dispose();
    }
  }, 90_000);
});
