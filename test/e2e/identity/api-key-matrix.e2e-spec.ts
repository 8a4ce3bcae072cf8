import { Scenario, startTestApp, TestApp, TestMember, TestOrganization } from '@erp/test-support';

/** Who may list, read, create and revoke API keys (`/me/api-keys`), and who may not. */
describe('API key routes: authorization matrix', () => {
  let t: TestApp;
  let s: Scenario;

  const newKey = async (member: TestMember, organizationId: string) => {
    const res = await t.http.post(
      '/api/v1/me/api-keys',
      { name: 'k', organization_id: organizationId },
      { token: member.token },
    );
    if (res.status !== 201) throw new Error(`create key failed: ${res.status} ${res.text}`);
    return { id: res.body.data.id as string, key: res.body.data.key as string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = new Scenario(t);
  });
  afterAll(() => t.close());

  type Caller = 'owner' | 'other user' | 'platform admin' | 'the key' | 'no credentials';
  const routes = [
    { name: 'list', method: 'GET', path: '/api/v1/me/api-keys' },
    { name: 'get', method: 'GET', path: '/api/v1/me/api-keys/{id}' },
    { name: 'create', method: 'POST', path: '/api/v1/me/api-keys' },
    { name: 'revoke', method: 'DELETE', path: '/api/v1/me/api-keys/{id}' },
  ] as const;
  /** Status and code per caller and route ('ok': 200/201/204). */
  const EXPECTED: Record<Caller, Record<(typeof routes)[number]['name'], string>> = {
    owner: { list: 'ok', get: 'ok', create: 'ok', revoke: 'ok' },
    // Someone else's key is missing to them; creating for an organization they are not in, too.
    'other user': { list: 'ok', get: '404 BIZ002', create: '404 BIZ002', revoke: '404 BIZ002' },
    // A member of c (its creator), but administrator powers reach no one else's keys.
    'platform admin': { list: 'ok', get: '404 BIZ002', create: 'ok', revoke: '404 BIZ002' },
    'the key': { list: '403 AUTH004', get: '403 AUTH004', create: '403 AUTH004', revoke: '403 AUTH004' },
    'no credentials': {
      list: '401 AUTH003',
      get: '401 AUTH003',
      create: '401 AUTH003',
      revoke: '401 AUTH003',
    },
  };
  const callers = Object.keys(EXPECTED) as Caller[];
  const cases = callers.flatMap((caller) =>
    routes.map((route) => ({ caller, route, expected: EXPECTED[caller][route.name] })),
  );
  let c: TestOrganization;
  let keyOwner: TestMember;
  const credentials = {} as Record<Caller, { token?: string; headers?: Record<string, string> }>;

  beforeAll(async () => {
    c = await s.createOrganization();
    keyOwner = await s.addMember(c.id, { roles: ['member'] });
    const other = await s.addMember((await s.createOrganization()).id, { roles: ['admin'] });
    credentials.owner = { token: keyOwner.token };
    credentials['other user'] = { token: other.token };
    credentials['platform admin'] = { token: await s.admin() };
    credentials['the key'] = { headers: { 'x-api-key': (await newKey(keyOwner, c.id)).key } };
    credentials['no credentials'] = {};
  });

  it.each(cases)('$caller: $route.method $route.name → $expected', async ({ caller, route, expected }) => {
    const target = (await newKey(keyOwner, c.id)).id;
    const body = route.method === 'POST' ? { name: 'm', organization_id: c.id } : undefined;
    const before = await t.ownerQuery('select count(*)::int as n, count(revoked_at)::int as r from api_keys');
    const res = await t.http.request(
      route.method,
      route.path.replace('{id}', target),
      body,
      credentials[caller],
    );
    const outcome = res.status < 300 ? 'ok' : `${res.status} ${res.body.error.code}`;
    expect(outcome).toBe(expected);
    if (expected !== 'ok')
      expect(
        await t.ownerQuery('select count(*)::int as n, count(revoked_at)::int as r from api_keys'),
      ).toEqual(before);
  });
});
