import { randomUUID } from 'node:crypto';
import {
  KeycloakStandin,
  STANDIN_INTROSPECTION_SECRET,
  StandinUser,
  startKeycloakStandin,
  startTestApp,
  TestApp,
  TestResponse,
} from '@erp/test-support';

jest.setTimeout(30_000);

const USERS: StandinUser[] = ['alice', 'bob'].map((username) => ({
  id: randomUUID(),
  username,
  password: `${username}-pw`,
  email: `${username}@introspection.test`,
  name: username,
}));
const now = (): number => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CACHE_SECONDS = 1;

describe('Keycloak access tokens with RFC 7662 introspection', () => {
  let kc: KeycloakStandin;
  let t: TestApp;

  beforeAll(async () => {
    kc = await startKeycloakStandin({ users: USERS });
    t = await startTestApp({
      OIDC_ISSUERS: kc.issuer,
      OIDC_AUDIENCE: 'erp-api',
      OIDC_INTROSPECTION: 'true',
      OIDC_INTROSPECTION_CLIENT_ID: 'erp-api',
      OIDC_INTROSPECTION_CLIENT_SECRET: STANDIN_INTROSPECTION_SECRET,
      OIDC_INTROSPECTION_CACHE_SECONDS: String(CACHE_SECONDS),
    });
  });
  afterAll(async () => {
    await t?.close();
    await kc?.stop();
  });

  const me = (token: string) => t.http.get('/api/v1/auth/me', { token });
  const outcome = (res: TestResponse) => ({
    status: res.status,
    code: res.body?.error?.code ?? null,
    challenge: res.headers['www-authenticate'] ?? null,
  });
  const introspections = () => kc.requests.introspection;

  it('accepts an active token, asks once per cache period, and refuses it once revoked and the cache expired', async () => {
    const token = await kc.accessToken('alice');
    const before = introspections();
    expect(outcome(await me(token))).toEqual({ status: 200, code: null, challenge: null });
    expect(outcome(await me(token))).toEqual({ status: 200, code: null, challenge: null });
    expect(introspections()).toBe(before + 1);

    kc.revoke(token);
    // Still remembered as active: revocation takes effect within OIDC_INTROSPECTION_CACHE_SECONDS.
    expect((await me(token)).status).toBe(200);
    await sleep(CACHE_SECONDS * 1000 + 100);
    expect(outcome(await me(token))).toEqual({
      status: 401,
      code: 'AUTH003',
      challenge: expect.stringMatching(/^Bearer/),
    });
    expect(introspections()).toBe(before + 2);
    // The inactive answer is cached too; another token of the same user is unaffected.
    expect((await me(token)).body.error.code).toBe('AUTH003');
    expect(introspections()).toBe(before + 2);
    expect((await me(await kc.accessToken('alice'))).status).toBe(200);
  });

  it('runs the local checks first: a token they refuse never reaches the realm', async () => {
    const before = introspections();
    const refused = [
      await me(await kc.accessToken('bob', { exp: now() - 120, iat: now() - 600 })),
      await me(await kc.accessToken('bob', { aud: ['other-api'] })),
      await me(await kc.accessToken('bob', { typ: 'Refresh' })),
      await me(kc.unsigned(kc.accessClaims('bob'))),
    ];
    expect(refused.map((res) => res.body.error.code)).toEqual(['AUTH002', 'AUTH003', 'AUTH003', 'AUTH003']);
    expect(introspections()).toBe(before);
  });

  it('fails closed with 502 SYS002 when the realm cannot answer, and caches no failure', async () => {
    const token = await kc.accessToken('bob');
    kc.introspectionFailure = 500;
    try {
      expect(outcome(await me(token))).toEqual({ status: 502, code: 'SYS002', challenge: null });
    } finally {
      kc.introspectionFailure = null;
    }
    expect((await me(token)).status).toBe(200);

    const fresh = await kc.accessToken('bob');
    await kc.stop();
    try {
      // The signing keys are cached, so the local checks pass; only introspection is missing.
      expect(outcome(await me(fresh))).toEqual({ status: 502, code: 'SYS002', challenge: null });
      // A token introspected before the outage is still answered from the cache.
      expect((await me(token)).status).toBe(200);
    } finally {
      await kc.restart();
    }
  });

  it('points Swagger UI at the realm: authorization code with PKCE for the public client', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json')).body;
    expect(doc.components.securitySchemes.OAuth2.flows).toEqual({
      authorizationCode: {
        authorizationUrl: `${kc.issuer}/protocol/openid-connect/auth`,
        tokenUrl: `${kc.issuer}/protocol/openid-connect/token`,
        refreshUrl: `${kc.issuer}/protocol/openid-connect/token`,
        scopes: expect.objectContaining({ openid: expect.any(String) }),
      },
    });
    expect(doc.components.securitySchemes.OAuth2.description).not.toMatch(/placeholder/);
    const init = await t.http.get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toMatch(/"clientId":\s*"erp-web"/);
    expect(init.text).toMatch(/"usePkceWithAuthorizationCodeGrant":\s*true/);
  });
});
