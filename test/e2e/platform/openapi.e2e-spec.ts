import { startTestApp, TestApp } from '@erp/test-support';

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('documents every operation with responses, errors and security', async () => {
    const res = await t.http.get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'ApiKeyAuth',
      'BearerAuth',
      'OAuth2',
    ]);
    // No realm configured: the docker-compose realm's URLs, said to be placeholders.
    expect(doc.components.securitySchemes.OAuth2).toMatchObject({
      type: 'oauth2',
      description: expect.stringContaining('OIDC_ISSUERS is empty'),
      flows: {
        authorizationCode: {
          authorizationUrl: 'http://localhost:8080/realms/erp/protocol/openid-connect/auth',
          tokenUrl: 'http://localhost:8080/realms/erp/protocol/openid-connect/token',
        },
      },
    });
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
    const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(
      ([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { id, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect({ id, success: statuses.some((s) => /^2/.test(s)) }).toEqual({ id, success: true });
      expect({ id, error: op.responses['422']?.content['application/json'].schema.$ref }).toEqual({
        id,
        error: '#/components/schemas/ErrorEnvelope',
      });
      expect({ id, summary: typeof op.summary }).toEqual({ id, summary: 'string' });
      if (
        !id.includes('/auth/token') &&
        !id.includes('/health') &&
        !id.includes('/meta/') &&
        !id.includes('/auth/logout')
      ) {
        // API keys are refused where keys are managed, where only a platform administrator may act,
        // and on data rights (personal data leaves only on a user's own sign-in).
        const keyRefused =
          id.includes('/me/api-keys') ||
          id === 'POST /api/v1/organizations' ||
          /\/(data-export|erasure)$/.test(id);
        expect({ id, security: op.security }).toEqual({
          id,
          security: [{ BearerAuth: [] }, { OAuth2: [] }, ...(keyRefused ? [] : [{ ApiKeyAuth: [] }])],
        });
      }
      // Health probes are never rate limited, and the document says so.
      const limited = !id.includes('/health/');
      expect({
        id,
        429: '429' in op.responses,
        limitHeader: 'X-RateLimit-Limit' in op.responses[statuses.find((s) => /^2/.test(s))!].headers,
      }).toEqual({
        id,
        429: limited,
        limitHeader: limited,
      });
      const body = op.requestBody?.content?.['application/json']?.schema;
      // Actions without input (logout, erasure: the path says everything) take no body.
      const noInput = id.includes('/logout') || id.endsWith('/erasure');
      if (['POST', 'PATCH', 'PUT'].some((m) => id.startsWith(m)) && !noInput)
        expect({ id, body: body !== undefined }).toEqual({ id, body: true });
    }
  });

  it('serves Swagger UI at /docs/, where its OAuth2 redirect page is the one the realm allows', async () => {
    // At /docs Swagger UI would send the realm /oauth2-redirect.html as its redirect URI.
    const bare = await t.http.get('/docs');
    expect({ status: bare.status, location: bare.headers.location }).toEqual({
      status: 301,
      location: '/docs/',
    });
    const res = await t.http.get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
    expect((await t.http.get('/docs/oauth2-redirect.html')).status).toBe(200);
    const init = await t.http.get('/docs/swagger-ui-init.js');
    expect(init.text).toMatch(/"clientId":\s*"erp-web"/);
    expect(init.text).toMatch(/"usePkceWithAuthorizationCodeGrant":\s*true/);
  });
});
