import type { InjectOptions } from 'fastify';
import { loadConfig } from '@erp/platform';
import { corsOrigins } from '@erp/api/http-hardening';
import { bootstrapAdminCredentials, DEV_ADMIN_PASSWORD } from '@erp/api/initial-data';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '@erp/test-support';

const ORIGIN = 'https://app.example';
const OTHER_ORIGIN = 'https://admin.example';
const UNLISTED = 'https://evil.example';
const API_CSP = "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'";

describe('Hardening: security headers, CORS, caching', () => {
  let t: TestApp;
  let token: string;
  let refreshToken: string;
  const inject = (options: InjectOptions) => t.app.getHttpAdapter().getInstance().inject(options);

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${ORIGIN}, ${OTHER_ORIGIN}/` });
    const login = await t.http.post('/api/v1/auth/token/obtain', {
      username: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    token = login.body.data.access_token;
    refreshToken = login.body.data.refresh_token;
  });
  afterAll(() => t.close());

  describe('security headers', () => {
    it.each([
      ['a public answer', '/health/live', false, 200],
      ['an authenticated answer', '/api/v1/auth/me', true, 200],
      ['a 401', '/api/v1/auth/me', false, 401],
      ['a 404 of the router', '/api/v1/nothing-here', false, 404],
      ['the OpenAPI document', '/api/v1/openapi.json', false, 200],
    ])('are set on %s, with a CSP that allows nothing', async (_label, url, authenticated, status) => {
      const res = await t.http.get(url, authenticated ? { token } : {});
      expect(res.status).toBe(status);
      expect(res.headers).toMatchObject({
        'content-security-policy': API_CSP,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('lets Swagger UI at /docs load: inline styles only there, scripts and styles from the app itself', async () => {
      const res = await t.http.get('/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="swagger-ui"></div>');
      const csp = String(res.headers['content-security-policy']).split(/;\s*/);
      expect(csp).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "frame-ancestors 'none'",
        ]),
      );
      expect(csp.join(';')).not.toMatch(/unsafe-eval|\*/);
      // The popup of the OAuth2 login reports back to this page through window.opener.
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');

      // Nothing inline needs a script-src exception: every script (and the stylesheet) is a file of the app.
      expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      const assets = [...res.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
        (m) => new URL(m[1], 'http://api.test/docs/').pathname,
      );
      expect(assets).toEqual(
        expect.arrayContaining([
          '/docs/swagger-ui-bundle.js',
          '/docs/swagger-ui-init.js',
          '/docs/swagger-ui.css',
        ]),
      );
      for (const asset of [...assets, '/docs/oauth2-redirect.html']) {
        const file = await inject({ method: 'GET', url: asset });
        expect({ asset, status: file.statusCode }).toEqual({ asset, status: 200 });
        expect(file.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
      }
    });
  });

  describe('CORS', () => {
    it('answers a listed origin with that origin and credentials, exposing the API headers', async () => {
      for (const origin of [ORIGIN, OTHER_ORIGIN]) {
        const res = await t.http.get('/api/v1/auth/me', { token, headers: { origin } });
        expect(res.status).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-allow-credentials']).toBe('true');
        expect(res.headers.vary).toMatch(/\bOrigin\b/);
        const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/);
        expect(exposed).toEqual(
          expect.arrayContaining([
            'ETag',
            'Location',
            'X-Request-Id',
            'X-RateLimit-Limit',
            'X-RateLimit-Remaining',
            'X-RateLimit-Reset',
            'Retry-After',
          ]),
        );
      }
    });

    it('gives an unlisted origin, or a request without one, no CORS header at all', async () => {
      const cases: Record<string, string>[] = [
        { origin: UNLISTED },
        { origin: 'null' },
        { origin: `${ORIGIN}.evil.example` },
        {},
      ];
      for (const headers of cases) {
        const res = await t.http.get('/api/v1/auth/me', { token, headers });
        expect(res.status).toBe(200);
        expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
    });

    it('answers the preflight of a listed origin for the methods and headers of the API', async () => {
      const res = await inject({
        method: 'OPTIONS',
        url: '/api/v1/organizations/00000000-0000-4000-8000-000000000000',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type,if-match,idempotency-key',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      const methods = String(res.headers['access-control-allow-methods']).split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
      const allowed = String(res.headers['access-control-allow-headers'])
        .split(/,\s*/)
        .map((h) => h.toLowerCase());
      expect(allowed).toEqual(
        expect.arrayContaining([
          'authorization',
          'content-type',
          'idempotency-key',
          'if-match',
          'x-request-id',
          'x-api-key',
          'accept-language',
        ]),
      );
      expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
    });

    it('refuses the preflight of an unlisted origin (no CORS header)', async () => {
      const res = await inject({
        method: 'OPTIONS',
        url: '/api/v1/organizations',
        headers: { origin: UNLISTED, 'access-control-request-method': 'POST' },
      });
      expect(res.statusCode).toBe(404);
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });

    it('never allows every origin: `*` or anything but an origin in CORS_ORIGINS refuses the start', () => {
      const origins = (value: string) => corsOrigins(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: value }));
      expect([...origins('https://a.example, http://localhost:5173/')]).toEqual([
        'https://a.example',
        'http://localhost:5173',
      ]);
      for (const bad of ['*', 'https://*.example', 'https://a.example/app', 'a.example', 'ftp://a.example'])
        expect(() => origins(bad)).toThrow(/CORS_ORIGINS/);
    });
  });

  describe('Cache-Control: no-store', () => {
    it('is on the answers of the token endpoints, successful or not', async () => {
      const refreshed = await t.http.post('/api/v1/auth/token/refresh', { refresh_token: refreshToken });
      expect(refreshed.status).toBe(200);
      const failed = await t.http.post('/api/v1/auth/token/obtain', {
        username: ADMIN_EMAIL,
        password: 'not-the-password',
      });
      expect(failed.status).toBe(401);
      const logout = await t.http.post('/api/v1/auth/logout', {
        refresh_token: refreshed.body.data.refresh_token,
      });
      expect(logout.status).toBe(204);
      for (const res of [refreshed, failed, logout]) expect(res.headers['cache-control']).toBe('no-store');
    });

    it('is on every answer to a request with credentials, whatever its outcome', async () => {
      const answers = [
        await t.http.get('/api/v1/auth/me', { token }),
        await t.http.get('/api/v1/organizations', { token }),
        await t.http.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000', { token }),
        await t.http.post('/api/v1/organizations', { name: 'x' }, { token }),
        await t.http.get('/api/v1/auth/me', { token: 'not-a-token' }),
        await t.http.get('/api/v1/auth/me', { headers: { 'x-api-key': 'not-a-key' } }),
      ];
      expect(answers.map((res) => res.status)).toEqual([200, 200, 404, 422, 401, 401]);
      for (const res of answers) expect(res.headers['cache-control']).toBe('no-store');
    });

    it('is not forced on public answers to anonymous requests', async () => {
      const res = await t.http.get('/api/v1/meta/errors');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBeUndefined();
    });
  });
});

describe('Hardening: bounded error bodies (as the OpenAPI document promises)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports at most 100 field errors, with field names cut at 200 characters', async () => {
    const long = 'k'.repeat(5000);
    const body: Record<string, string> = { [long]: 'x', username: ADMIN_EMAIL, password: ADMIN_PASSWORD };
    for (let i = 0; i < 150; i++) body[`unknown_${i}`] = 'x';
    const res = await t.http.post('/api/v1/auth/token/obtain', body);
    expect(res.status).toBe(422);
    const { message, field_errors: fieldErrors } = res.body.error;
    expect(fieldErrors).toHaveLength(100);
    const clipped = fieldErrors.find((e: { field: string }) => e.field.startsWith('kkk'));
    expect(clipped.field).toBe(`${long.slice(0, 199)}…`);
    for (const e of [...fieldErrors, { field: '', message }]) {
      expect(e.field.length).toBeLessThanOrEqual(200);
      expect(e.message.length).toBeLessThanOrEqual(1000);
    }
  });
});

describe('Hardening: refusal of default secrets in production', () => {
  it('refuses the development administrator password in production', () => {
    const production = (password: string) =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-0123456789-0123456789',
        BOOTSTRAP_ADMIN_EMAIL: 'admin@corp.example',
        BOOTSTRAP_ADMIN_PASSWORD: password,
      });
    expect(() => bootstrapAdminCredentials(production(DEV_ADMIN_PASSWORD))).toThrow(
      /BOOTSTRAP_ADMIN_PASSWORD/,
    );
    expect(bootstrapAdminCredentials(production('a-real-password-of-our-own'))).toEqual({
      email: 'admin@corp.example',
      password: 'a-real-password-of-our-own',
    });
  });
});
