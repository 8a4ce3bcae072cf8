import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import {
  KeycloakStandin,
  Scenario,
  StandinUser,
  startKeycloakStandin,
  startTestApp,
  TestApp,
  TestResponse,
} from '@erp/test-support';

jest.setTimeout(30_000);

const user = (username: string, extra: Partial<StandinUser> = {}): StandinUser => ({
  id: randomUUID(),
  username,
  password: `${username}-pw`,
  email: `${username}@sso.test`,
  name: `${username[0].toUpperCase()}${username.slice(1)} Example`,
  realmRoles: ['erp-admin'],
  clientRoles: { 'erp-api': ['reader'] },
  ...extra,
});
const USERS = [
  user('alice'),
  user('bob'),
  user('dave', { email: 'dave@test.local', emailVerified: false }),
  user('erin', { realmRoles: [], clientRoles: {} }),
  user('frank', { email: undefined, realmRoles: [], clientRoles: {} }),
];
const MAPPING = [
  { claim: 'realm_access.roles', value: 'erp-admin', organization: 'acme', role: 'admin' },
  { claim: 'resource_access.erp-api.roles', value: 'reader', organization: 'ACME', role: 'member' },
  { claim: 'realm_access.roles', value: 'erp-admin', organization: 'beta', role: 'member' },
];
const now = (): number => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Keycloak access tokens (OIDC resource server)', () => {
  let kc: KeycloakStandin;
  let other: KeycloakStandin;
  let t: TestApp;
  let scenario: Scenario;
  let acmeId: string;

  beforeAll(async () => {
    kc = await startKeycloakStandin({ users: USERS });
    other = await startKeycloakStandin({ realm: 'other', users: USERS });
    t = await startTestApp({
      OIDC_ISSUERS: kc.issuer,
      OIDC_AUDIENCE: 'erp-api',
      OIDC_ROLE_MAPPING: JSON.stringify(MAPPING),
      OIDC_JWKS_COOLDOWN_SECONDS: '1',
    });
    scenario = new Scenario(t);
    acmeId = await createOrganization('acme');
  });
  afterAll(async () => {
    await t?.close();
    await kc?.stop();
    await other?.stop();
  });

  async function createOrganization(code: string): Promise<string> {
    const res = await t.http.post(
      '/api/v1/organizations',
      { name: code.toUpperCase(), code },
      { token: await scenario.admin() },
    );
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }
  const me = (token?: string) => t.http.get('/api/v1/auth/me', { token });
  const refusal = (label: string, res: TestResponse) => ({
    label,
    status: res.status,
    code: res.body?.error?.code,
    challenge: res.headers['www-authenticate'],
  });
  const grantsOf = (userId: string) =>
    t.ownerQuery<{ organization: string; role: string; source: string }>(
      `select o.code as organization, r.code as role, g.source from role_grants g
       join roles r on r.id = g.role_id join organizations o on o.id = g.organization_id
       where g.user_id = $1 order by o.code, r.code`,
      [userId],
    );

  it('accepts a realm access token, provisions the user on first use and applies the role mapping', async () => {
    const grant = await kc.passwordGrant('alice', 'alice-pw');
    expect(grant.status).toBe(200);
    const res = await me(grant.body.access_token as string);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      email: 'alice@sso.test',
      full_name: 'Alice Example',
      is_platform_admin: false,
      organizations: [
        { id: acmeId, code: 'acme', permissions: expect.arrayContaining(['role:assign', 'task:read']) },
      ],
    });
    const userId = res.body.data.id as string;
    expect(await t.ownerQuery('select user_id, issuer, subject from user_identities')).toEqual([
      { user_id: userId, issuer: kc.issuer, subject: USERS[0].id },
    ]);
    // `beta` does not exist (yet): its mapping is skipped, not an error.
    expect(await grantsOf(userId)).toEqual([
      { organization: 'acme', role: 'admin', source: 'sso' },
      { organization: 'acme', role: 'member', source: 'sso' },
    ]);
    // Introspection is off unless configured: the realm is never asked about tokens.
    expect(kc.requests.introspection).toBe(0);
    // Own tokens keep working next to SSO ones.
    expect((await me(await scenario.admin())).status).toBe(200);
  });

  it('refuses every token that is not a valid access token of the realm, with AUTH002/AUTH003', async () => {
    const stray = await generateKeyPair('RS256');
    const issued = (await kc.passwordGrant('alice', 'alice-pw')).body;
    const valid = await kc.accessToken('alice');
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: USERS[1].id })).toString('base64url');
    const cases: [string, () => Promise<string | undefined>, string][] = [
      ['expired', () => kc.accessToken('alice', { exp: now() - 120, iat: now() - 600 }), 'AUTH002'],
      ['nbf in the future', () => kc.accessToken('alice', { nbf: now() + 300 }), 'AUTH003'],
      ['another realm', () => other.accessToken('alice'), 'AUTH003'],
      ['another realm naming this issuer', () => other.accessToken('alice', { iss: kc.issuer }), 'AUTH003'],
      ['wrong audience', () => kc.accessToken('alice', { aud: ['other-api', 'account'] }), 'AUTH003'],
      ['no audience', () => kc.accessToken('alice', { aud: undefined }), 'AUTH003'],
      ['alg none', () => Promise.resolve(kc.unsigned(kc.accessClaims('alice'))), 'AUTH003'],
      ['HS256 keyed with the public key', () => kc.hmacWithPublicKey(kc.accessClaims('alice')), 'AUTH003'],
      [
        'unknown kid',
        () => kc.accessToken('alice', {}, { key: stray.privateKey, header: { kid: randomUUID() } }),
        'AUTH003',
      ],
      ['refresh token', () => Promise.resolve(issued.refresh_token as string), 'AUTH003'],
      ['ID token', () => Promise.resolve(issued.id_token as string), 'AUTH003'],
      ['typ Refresh with the API audience', () => kc.accessToken('alice', { typ: 'Refresh' }), 'AUTH003'],
      ['typ ID with the API audience', () => kc.accessToken('alice', { typ: 'ID' }), 'AUTH003'],
      ['no typ', () => kc.accessToken('alice', { typ: undefined }), 'AUTH003'],
      ['tampered payload', () => Promise.resolve(`${header}.${forged}.${signature}`), 'AUTH003'],
      [
        'realm-signed, naming the platform issuer',
        () => kc.accessToken('alice', { iss: 'erp-platform' }),
        'AUTH003',
      ],
      ['no issuer', () => kc.accessToken('alice', { iss: undefined }), 'AUTH003'],
      ['malformed', () => Promise.resolve('not-a-jwt'), 'AUTH003'],
      ['no token', () => Promise.resolve(undefined), 'AUTH003'],
    ];
    const results = [];
    for (const [label, make] of cases) results.push(refusal(label, await me(await make())));
    expect(results).toEqual(
      cases.map(([label, , code]) => ({
        label,
        status: 401,
        code,
        challenge: expect.stringMatching(/^Bearer/),
      })),
    );
    expect((await me(valid)).status).toBe(200);
  });

  it('allows a small clock skew on exp and nbf', async () => {
    expect((await me(await kc.accessToken('alice', { exp: now() - 10 }))).status).toBe(200);
    expect((await me(await kc.accessToken('alice', { nbf: now() + 10 }))).status).toBe(200);
  });

  it('picks up a rotated signing key without a restart, and refetches keys at most once per cooldown', async () => {
    const oldKeyToken = await kc.accessToken('alice');
    await kc.rotateKey();
    await sleep(1100); // past the cooldown of the last key fetch
    const fetches = kc.requests.jwks;
    expect((await me(await kc.accessToken('alice'))).status).toBe(200);
    expect(kc.requests.jwks).toBe(fetches + 1);
    const stray = await generateKeyPair('RS256');
    for (let i = 0; i < 3; i += 1) {
      const res = await me(
        await kc.accessToken('alice', {}, { key: stray.privateKey, header: { kid: randomUUID() } }),
      );
      expect(res.status).toBe(401);
    }
    expect(kc.requests.jwks).toBe(fetches + 1);
    expect((await me(oldKeyToken)).status).toBe(200);
  });

  it('keeps verifying with cached keys while the realm is down, refuses unknown kids, and reports readiness degraded', async () => {
    const ready = () => t.http.get('/health/ready');
    const realm = (status: string) => ({ issuer: kc.issuer, status, keys: expect.any(Number) });
    expect((await ready()).body.data).toEqual({
      status: 'ok',
      checks: { database: 'up', cache: 'up', identity_providers: [realm('up')] },
    });
    const token = await kc.accessToken('alice');
    const stray = await generateKeyPair('RS256');
    const unknownKid = await kc.accessToken(
      'alice',
      {},
      { key: stray.privateKey, header: { kid: randomUUID() } },
    );
    await kc.stop();
    try {
      await sleep(1100); // an unknown kid may make the API ask the realm again
      const refused = await me(unknownKid);
      expect(refusal('unknown kid', refused)).toMatchObject({ status: 401, code: 'AUTH003' });
      expect((await me(token)).status).toBe(200);
      expect((await me(await kc.accessToken('bob'))).status).toBe(200);
      const res = await ready();
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        status: 'degraded',
        checks: { database: 'up', cache: 'up', identity_providers: [realm('degraded')] },
      });
      expect(res.body.data.checks.identity_providers[0].keys).toBeGreaterThan(0);
    } finally {
      await kc.restart();
    }
    await sleep(1100);
    expect((await ready()).body.data.status).toBe('ok');
  });

  it('keeps mapped grants in sync with the token roles, never touching grants made by hand', async () => {
    const admin = await scenario.admin();
    const bob = (roles: { realm?: string[]; client?: string[] }) =>
      kc.accessToken('bob', {
        realm_access: { roles: roles.realm ?? [] },
        resource_access: { 'erp-api': { roles: roles.client ?? [] } },
      });
    const first = await me(await bob({ realm: ['erp-admin'], client: ['reader'] }));
    const userId = first.body.data.id as string;
    const role = await t.http.post(
      `/api/v1/organizations/${acmeId}/roles`,
      { code: 'auditor', name: 'Auditor', permissions: ['project:read'] },
      { token: admin },
    );
    const byHand = await t.http.post(
      `/api/v1/organizations/${acmeId}/users/${userId}/roles`,
      { role_id: role.body.data.id },
      { token: admin },
    );
    expect(byHand.status).toBe(201);

    const reader = await me(await bob({ client: ['reader'] }));
    expect(reader.body.data.organizations[0].permissions).not.toContain('role:assign');
    expect(reader.body.data.organizations[0].permissions).toContain('task:read');
    expect(await grantsOf(userId)).toEqual([
      { organization: 'acme', role: 'auditor', source: 'manual' },
      { organization: 'acme', role: 'member', source: 'sso' },
    ]);

    const none = await me(await bob({}));
    expect(none.body.data.organizations).toEqual([
      expect.objectContaining({ code: 'acme', permissions: ['project:read'] }),
    ]);
    expect(await grantsOf(userId)).toEqual([{ organization: 'acme', role: 'auditor', source: 'manual' }]);

    // Roles come back, and an organization created since then gets its mapped grant too.
    await createOrganization('beta');
    expect((await me(await bob({ realm: ['erp-admin'] }))).status).toBe(200);
    expect(await grantsOf(userId)).toEqual([
      { organization: 'acme', role: 'admin', source: 'sso' },
      { organization: 'acme', role: 'auditor', source: 'manual' },
      { organization: 'beta', role: 'member', source: 'sso' },
    ]);
  });

  it('links an existing account only when the realm verifies its email', async () => {
    const member = await scenario.addMember(acmeId, { email: 'dave@test.local' });
    const unverified = await me(await kc.accessToken('dave'));
    expect(refusal('unverified', unverified)).toMatchObject({ status: 401, code: 'AUTH003' });
    const subject = USERS[2].id;
    expect(await t.ownerQuery('select 1 from user_identities where subject = $1', [subject])).toEqual([]);
    const verified = await me(await kc.accessToken('dave', { email_verified: true }));
    expect(verified.status).toBe(200);
    expect(verified.body.data.id).toBe(member.userId);
  });

  it('provisions one account for parallel first requests; without an email the username is used', async () => {
    const token = await kc.accessToken('erin');
    const results = await Promise.all(Array.from({ length: 5 }, () => me(token)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.data.id as string)).size).toBe(1);
    const [row] = await t.ownerQuery<{ count: string }>(
      `select count(*) from users where email = 'erin@sso.test'`,
    );
    expect(row.count).toBe('1');
    const frank = await me(await kc.accessToken('frank'));
    expect(frank.body.data).toMatchObject({ email: 'frank', full_name: 'Frank Example', organizations: [] });
  });
});
