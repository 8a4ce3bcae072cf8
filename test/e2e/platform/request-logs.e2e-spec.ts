import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionContext, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { REDACTED } from '@erp/platform';
import { AuthenticationGuard } from '@erp/platform/auth/authentication.guard';
import { ADMIN_EMAIL, OrganizationApp, startOrganizationApp, TestResponse } from '@erp/test-support';

const WRONG_PASSWORD = 'wrong-password-7c3e9a1f05';

interface LogLine {
  level: string;
  time: string;
  msg: string;
  context?: string;
  request_id?: string;
  principal?: Record<string, unknown>;
  organization_id?: string;
  [field: string]: unknown;
}

describe('Request logs (JSON, nestjs-pino)', () => {
  const capture = join(tmpdir(), `erp-request-logs-${process.pid}-${Date.now()}.log`);
  let o: OrganizationApp;
  let apiKey: { id: string; key: string };

  beforeAll(async () => {
    o = await startOrganizationApp({ LOG_CAPTURE_FILE: capture });
    const created = await o.t.http.post(
      '/api/v1/me/api-keys',
      { name: 'logs', organization_id: o.org.id },
      { token: o.admin.token },
    );
    expect(created.status).toBe(201);
    apiKey = created.body.data;
    // Code that carelessly logs a request's headers and body while handling it (after the
    // authentication guard, whether it let the request through or not).
    const probe = new Logger('Probe');
    const canActivate = AuthenticationGuard.prototype.canActivate;
    jest.spyOn(AuthenticationGuard.prototype, 'canActivate').mockImplementation(async function (
      this: AuthenticationGuard,
      context: ExecutionContext,
    ) {
      try {
        return await canActivate.call(this, context);
      } finally {
        const request = context.switchToHttp().getRequest<FastifyRequest>();
        probe.log({ msg: 'handling', headers: request.headers, body: request.body });
      }
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await o.t.close();
    rmSync(capture, { force: true });
  });

  const captured = (): LogLine[] =>
    readFileSync(capture, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  const requestIdOf = (res: TestResponse): string => {
    const id = res.headers['x-request-id'];
    expect(typeof id).toBe('string');
    return id as string;
  };
  const linesOf = (res: TestResponse) => {
    const id = requestIdOf(res);
    const lines = captured().filter((line) => line.request_id === id);
    return {
      access: lines.filter((line) => line.context === 'Http'),
      probe: lines.filter((line) => line.context === 'Probe'),
    };
  };

  it('writes every line as one JSON object with level, time, msg and context', () => {
    const lines = captured();
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line).toEqual(
        expect.objectContaining({
          level: expect.any(String),
          time: expect.any(String),
          msg: expect.any(String),
        }),
      );
      expect(new Date(line.time).toISOString()).toBe(line.time);
    }
    // Nest's own start-up lines carry its logger context; debug lines are captured too.
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', context: 'RoutesResolver' }));
  });

  it("tags a user's request with its id, the user and the organization, in every line of it", async () => {
    const res = await o.t.http.get(`${o.base}/tasks`, {
      token: o.admin.token,
      query: { sort: 'title' },
      headers: { 'x-request-id': 'client-chosen.id-42' },
    });
    expect(res.status).toBe(200);
    expect(requestIdOf(res)).toBe('client-chosen.id-42');
    const { access, probe } = linesOf(res);
    const principal = { type: 'user', user_id: o.admin.userId };
    expect(access).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request completed',
        principal,
        organization_id: o.org.id,
        method: 'GET',
        url: `${o.base}/tasks`,
        route: '/api/v1/organizations/:organizationId/tasks',
        status: 200,
        duration_ms: expect.any(Number),
      }),
    ]);
    // A line written by code handling the request knows the request too (CLS, pino's mixin).
    expect(probe).toEqual([expect.objectContaining({ principal, organization_id: o.org.id })]);
    expect(probe[0].headers).toMatchObject({ authorization: REDACTED });
  });

  it("tags an API key's request with the key and its organization", async () => {
    const res = await o.t.http.get(`${o.base}/tasks`, { headers: { 'x-api-key': apiKey.key } });
    expect(res.status).toBe(200);
    const { access, probe } = linesOf(res);
    const principal = { type: 'api_key', api_key_id: apiKey.id, user_id: o.admin.userId };
    expect(access).toEqual([expect.objectContaining({ status: 200, principal, organization_id: o.org.id })]);
    expect(probe).toEqual([expect.objectContaining({ principal, organization_id: o.org.id })]);
    expect(probe[0].headers).toMatchObject({ 'x-api-key': REDACTED });
  });

  it('tags an anonymous request with its id only', async () => {
    const res = await o.t.http.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    const { access, probe } = linesOf(res);
    expect(access).toEqual([expect.objectContaining({ status: 401, method: 'GET', url: '/api/v1/auth/me' })]);
    expect(probe).toHaveLength(1);
    for (const line of [...access, ...probe]) {
      expect(line).not.toHaveProperty('principal');
      expect(line).not.toHaveProperty('organization_id');
    }
  });

  it('logs no password, token or key of a failing request, nor its query string', async () => {
    const login = await o.t.http.post('/api/v1/auth/token/obtain', {
      username: ADMIN_EMAIL,
      password: WRONG_PASSWORD,
    });
    expect(login.status).toBe(401);
    const { access, probe } = linesOf(login);
    expect(access).toEqual([expect.objectContaining({ level: 'info', status: 401 })]);
    expect(probe).toEqual([expect.objectContaining({ body: { username: ADMIN_EMAIL, password: REDACTED } })]);
    const keyInQuery = await o.t.http.get('/api/v1/auth/me', { query: { api_key: apiKey.key } });
    expect(keyInQuery.status).toBe(401);
    expect(linesOf(keyInQuery).access).toEqual([expect.objectContaining({ url: '/api/v1/auth/me' })]);

    const text = readFileSync(capture, 'utf8');
    for (const secret of [WRONG_PASSWORD, o.admin.password, o.admin.token, apiKey.key])
      expect({ secret: secret.slice(0, 6), found: text.includes(secret) }).toEqual({
        secret: secret.slice(0, 6),
        found: false,
      });
  });
});
