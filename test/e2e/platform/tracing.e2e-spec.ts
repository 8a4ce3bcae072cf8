import { randomBytes } from 'node:crypto';
import { spawnApp, SpawnedApp, TEST_REDIS_URL } from '@erp/test-support';
import { OtlpReceiver, ReceivedSpan } from './otlp-receiver';

const EMAIL = 'tracing-admin@test.local';
const PASSWORD = `tracing-password-${randomBytes(6).toString('hex')}`;

const apiEnv = (extra: Record<string, string>) => ({
  BOOTSTRAP_ADMIN_EMAIL: EMAIL,
  BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
  REDIS_URL: TEST_REDIS_URL,
  REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}:`,
  SHUTDOWN_DRAIN_SECONDS: '0',
  LOG_LEVEL: 'warn',
  ...extra,
});

async function call(api: SpawnedApp, path: string, token?: string, body?: object) {
  const res = await fetch(`${api.base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as { data: Record<string, string> } };
}

/** Logs in, creates an organization and a project, and reads the project back (GET by id). */
async function readAProject(api: SpawnedApp) {
  const login = await call(api, '/api/v1/auth/token/obtain', undefined, {
    username: EMAIL,
    password: PASSWORD,
  });
  expect(login.status).toBe(200);
  const token = login.body.data.access_token;
  const org = await call(api, '/api/v1/organizations', token, {
    name: 'Traced Manufacturing',
    code: 'traced',
  });
  expect(org.status).toBe(201);
  const base = `/api/v1/organizations/${org.body.data.id}`;
  const project = await call(api, `${base}/projects`, token, { name: 'Traced line', code: 'TRACED' });
  expect(project.status).toBe(201);
  const read = await call(api, `${base}/projects/${project.body.data.id}`, token);
  expect(read.status).toBe(200);
  return { token, refreshToken: login.body.data.refresh_token, base };
}

/** The chain of parents of `span` within its trace, nearest first. */
function ancestors(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let at = span; at.parentSpanId;) {
    const parent = spans.find((s) => s.traceId === at.traceId && s.spanId === at.parentSpanId);
    if (!parent) break;
    chain.push(parent);
    at = parent;
  }
  return chain;
}

const dbSystem = (span: ReceivedSpan) => span.attributes['db.system.name'] ?? span.attributes['db.system'];

describe('OpenTelemetry traces (issue 4, observability)', () => {
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    receiver = await OtlpReceiver.start();
  });
  afterEach(() => receiver.close());

  it('exports the HTTP request with its PostgreSQL and Redis calls as one trace, without secrets', async () => {
    const api = await spawnApp(
      'apps/api/src/main.ts',
      'PORT',
      apiEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, LOG_LEVEL: 'info' }),
    );
    let sent: Awaited<ReturnType<typeof readAProject>>;
    let logLines: Record<string, unknown>[];
    try {
      sent = await readAProject(api);
      // A key sent in the query string (refused) must not reach the traces either.
      const leakedKey = `erpk_${randomBytes(8).toString('hex')}_${randomBytes(16).toString('hex')}`;
      expect((await fetch(`${api.base}${sent.base}/projects?api_key=${leakedKey}`)).status).toBe(401);
      expect((await fetch(`${api.base}/metrics`)).status).toBe(200);
      const code = await api.stop(); // flushes the batch before exiting
      logLines = api
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect({ code, output: code === 0 ? '' : api.output() }).toEqual({ code: 0, output: '' });
      const exported = receiver.bodies.join('\n');
      for (const secret of [sent.token, sent.refreshToken, PASSWORD, leakedKey])
        expect(exported).not.toContain(secret);
    } finally {
      await api.dispose();
    }

    const spans = receiver.spans;
    const server = spans.find(
      (s) =>
        s.scope === '@opentelemetry/instrumentation-http' &&
        s.attributes['http.route'] === '/api/v1/organizations/:organizationId/projects/:id',
    );
    expect(server).toMatchObject({
      name: 'GET /api/v1/organizations/:organizationId/projects/:id',
      service: 'erp-api',
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 },
    });
    const underServer = spans.filter((s) => ancestors(s, spans).some((a) => a.spanId === server!.spanId));
    expect(underServer.every((s) => s.traceId === server!.traceId)).toBe(true);
    const postgres = underServer.filter((s) => dbSystem(s) === 'postgresql');
    const redis = underServer.filter((s) => dbSystem(s) === 'redis');
    expect(postgres.length).toBeGreaterThan(0);
    expect(
      postgres.some(
        (s) => typeof (s.attributes['db.query.text'] ?? s.attributes['db.statement']) === 'string',
      ),
    ).toBe(true);
    expect(redis.length).toBeGreaterThan(0);
    // Rate limiting (ioredis) and the shared cache (node-redis, through @keyv/redis) are both traced.
    expect(new Set(redis.map((s) => s.scope))).toEqual(
      new Set(['@opentelemetry/instrumentation-ioredis', '@opentelemetry/instrumentation-redis']),
    );
    // Probes and scrapes are not traced; query values are redacted.
    expect(spans.filter((s) => /^\/(health|metrics)/.test(String(s.attributes['url.path'])))).toEqual([]);
    const refused = spans.find((s) => s.attributes['url.query'] !== undefined);
    expect(refused?.attributes['url.query']).toBe('api_key=REDACTED');
    // The request's log line leads to its trace.
    const access = logLines.find(
      (line) =>
        line.msg === 'request completed' &&
        line.route === '/api/v1/organizations/:organizationId/projects/:id',
    );
    expect(access).toMatchObject({ trace_id: server!.traceId });
  }, 120_000);

  it('without OTEL_EXPORTER_OTLP_ENDPOINT the API runs and exports nothing', async () => {
    const api = await spawnApp('apps/api/src/main.ts', 'PORT', apiEnv({ OTEL_SERVICE_NAME: 'erp-api' }));
    try {
      await readAProject(api);
      expect(await api.stop()).toBe(0);
    } finally {
      await api.dispose();
    }
    expect(receiver.bodies).toEqual([]);
  }, 120_000);

  it('the worker exports its spans as erp-worker', async () => {
    const worker = await spawnApp('apps/worker/src/main.ts', 'WORKER_PORT', {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    });
    try {
      expect((await fetch(`${worker.base}/not-a-probe`)).status).toBe(404);
      expect(await worker.stop()).toBe(0);
    } finally {
      await worker.dispose();
    }
    expect(receiver.spans.map((s) => [s.service, s.attributes['url.path']])).toContainEqual([
      'erp-worker',
      '/not-a-probe',
    ]);
  }, 120_000);
});
