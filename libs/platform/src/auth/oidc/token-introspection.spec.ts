import { IntrospectionUnavailable, TokenIntrospection } from './token-introspection';

const ENDPOINT = 'https://sso.test/realms/erp/protocol/openid-connect/token/introspect';
const FAR = 10 ** 13;

/** A realm's introspection endpoint in memory, on a clock the test moves. */
function fakeRealm(answer: (token: string) => Response | Promise<Response>) {
  const realm = {
    time: 1_000_000,
    calls: [] as { token: string; authorization: string; body: string }[],
    fetch: async (_url: string, init: RequestInit) => {
      const body = init.body as string;
      const token = new URLSearchParams(body).get('token') ?? '';
      const headers = init.headers as Record<string, string>;
      realm.calls.push({ token, authorization: headers.authorization, body });
      return answer(token);
    },
  };
  return realm;
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const introspectionOf = (realm: ReturnType<typeof fakeRealm>, cacheMs = 30_000, maxEntries = 100) =>
  new TokenIntrospection({
    clientId: 'erp api',
    clientSecret: 's3cr:t',
    cacheMs,
    maxEntries,
    timeoutMs: 1000,
    now: () => realm.time,
    fetch: realm.fetch,
  });

describe('TokenIntrospection', () => {
  it('authenticates as the client (form-encoded Basic credentials) and reads `active`', async () => {
    const realm = fakeRealm((token) => json({ active: token === 'good' }));
    const introspection = introspectionOf(realm);
    expect(await introspection.isActive(ENDPOINT, 'good', FAR)).toBe(true);
    expect(await introspection.isActive(ENDPOINT, 'revoked', FAR)).toBe(false);
    expect(realm.calls[0]).toEqual({
      token: 'good',
      authorization: `Basic ${Buffer.from('erp%20api:s3cr%3At').toString('base64')}`,
      body: 'token=good&token_type_hint=access_token',
    });
  });

  it('reuses an answer for the cache period, never past the token expiry', async () => {
    let active = true;
    const realm = fakeRealm(() => json({ active }));
    const introspection = introspectionOf(realm, 30_000);
    expect(await introspection.isActive(ENDPOINT, 't1', FAR)).toBe(true);
    active = false;
    realm.time += 29_999;
    expect(await introspection.isActive(ENDPOINT, 't1', FAR)).toBe(true);
    realm.time += 1;
    expect(await introspection.isActive(ENDPOINT, 't1', FAR)).toBe(false);
    expect(realm.calls).toHaveLength(2);

    active = true;
    expect(await introspection.isActive(ENDPOINT, 't2', realm.time + 5)).toBe(true);
    realm.time += 5;
    expect(await introspection.isActive(ENDPOINT, 't2', realm.time + 5)).toBe(true);
    expect(realm.calls).toHaveLength(4);
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const realm = fakeRealm(() => json({ active: true }));
    const introspection = introspectionOf(realm, 30_000, 3);
    for (const token of ['a', 'b', 'c', 'd']) await introspection.isActive(ENDPOINT, token, FAR);
    expect(introspection.size).toBe(3);
    await introspection.isActive(ENDPOINT, 'd', FAR);
    await introspection.isActive(ENDPOINT, 'a', FAR);
    expect(realm.calls.map((c) => c.token)).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('shares one call between parallel requests with the same token', async () => {
    const realm = fakeRealm(() => json({ active: true }));
    const introspection = introspectionOf(realm);
    const answers = await Promise.all([1, 2, 3].map(() => introspection.isActive(ENDPOINT, 'same', FAR)));
    expect(answers).toEqual([true, true, true]);
    expect(realm.calls).toHaveLength(1);
  });

  it.each([
    ['an error status', () => json({ error: 'invalid_client' }, 401)],
    ['a server error', () => json({ active: true }, 500)],
    ['a body without active', () => json({ sub: 'x' })],
    ['a non-boolean active', () => json({ active: 'true' })],
    ['no JSON', () => new Response('<html>', { status: 200 })],
    ['a network failure', () => Promise.reject(new TypeError('fetch failed'))],
  ])('reports %s as unavailable, and caches nothing', async (_label, answer) => {
    const realm = fakeRealm(answer);
    const introspection = introspectionOf(realm);
    await expect(introspection.isActive(ENDPOINT, 'tok', FAR)).rejects.toBeInstanceOf(
      IntrospectionUnavailable,
    );
    await expect(introspection.isActive(ENDPOINT, 'tok', FAR)).rejects.toThrow(IntrospectionUnavailable);
    expect(realm.calls).toHaveLength(2);
    expect(introspection.size).toBe(0);
  });
});
