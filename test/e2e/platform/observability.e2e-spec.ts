import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Lifecycle } from '@erp/platform';
import {
  startOrganizationApp,
  OrganizationApp,
  createTestDatabase,
  freePort,
  waitFor,
} from '@erp/test-support';

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
    const database = await createTestDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: database.url,
        REDIS_URL: '',
        JWT_SECRET: 'test-secret-0123456789-0123456789-0123456789',
        SHUTDOWN_DRAIN_SECONDS: '2',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 200, 45_000);
      const inFlight = fetch(`${base}/health/live`);
      child.kill('SIGTERM');
      expect((await inFlight).status).toBe(200);
      await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 503, 1_500);
      expect((await fetch(`${base}/health/live`)).status).toBe(200); // still answering while draining
      const [code] = (await once(child, 'exit')) as [number | null];
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
      expect(output).toContain('Stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  }, 90_000);
});
