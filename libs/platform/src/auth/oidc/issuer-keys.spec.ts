import { exportJWK, generateKeyPair, JWK, jwtVerify, SignJWT } from 'jose';
import { IssuerKeys } from './issuer-keys';

const ISSUER = 'https://sso.test/realms/erp';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** A realm answering discovery and its key set from memory; `up = false` refuses connections. */
async function fakeRealm(metadataIssuer = ISSUER) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const realm = {
    up: true,
    calls: [] as string[],
    fetch: (url: string) => {
      realm.calls.push(url.endsWith('/certs') ? 'jwks' : 'discovery');
      if (!realm.up) return Promise.reject(new TypeError('fetch failed'));
      return Promise.resolve(
        url.endsWith('/certs')
          ? json({ keys: [jwk] })
          : json({ issuer: metadataIssuer, jwks_uri: `${ISSUER}/certs` }),
      );
    },
    token: (kid = 'k1') =>
      new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey),
  };
  return realm;
}

const keysFor = (realm: Awaited<ReturnType<typeof fakeRealm>>, cooldownMs = 50, maxAgeMs = 60_000) =>
  new IssuerKeys(ISSUER, { timeoutMs: 1000, cooldownMs, maxAgeMs, fetch: realm.fetch });

describe('IssuerKeys', () => {
  it('finds the key set through discovery and caches it', async () => {
    const realm = await fakeRealm();
    const keys = keysFor(realm);
    expect(keys.status()).toEqual({ issuer: ISSUER, status: 'down', keys: 0 });
    for (let i = 0; i < 3; i += 1) await jwtVerify(await realm.token(), keys.getKey);
    expect(realm.calls).toEqual(['discovery', 'jwks']);
    expect(keys.status()).toEqual({ issuer: ISSUER, status: 'up', keys: 1 });
  });

  it('refuses a discovery document that names another issuer', async () => {
    const realm = await fakeRealm('https://evil.test/realms/erp');
    const keys = keysFor(realm);
    await expect(jwtVerify(await realm.token(), keys.getKey)).rejects.toThrow();
    expect(keys.status().status).toBe('down');
  });

  it('refetches on an unknown kid at most once per cooldown', async () => {
    const realm = await fakeRealm();
    const keys = keysFor(realm, 100);
    await jwtVerify(await realm.token(), keys.getKey);
    await sleep(110);
    for (let i = 0; i < 3; i += 1)
      await expect(jwtVerify(await realm.token('unknown'), keys.getKey)).rejects.toMatchObject({
        code: 'ERR_JWKS_NO_MATCHING_KEY',
      });
    expect(realm.calls).toEqual(['discovery', 'jwks', 'jwks']);
  });

  it('keeps verifying with stale keys while the realm is down, without asking it again within the cooldown', async () => {
    const realm = await fakeRealm();
    const keys = keysFor(realm, 100, 1);
    await jwtVerify(await realm.token(), keys.getKey);
    realm.up = false;
    await sleep(5); // the keys are past their age: the next verification tries to refetch them
    await jwtVerify(await realm.token(), keys.getKey);
    expect(keys.status()).toEqual({ issuer: ISSUER, status: 'degraded', keys: 1 });
    const attempts = realm.calls.length;
    for (let i = 0; i < 3; i += 1) await jwtVerify(await realm.token(), keys.getKey);
    await expect(jwtVerify(await realm.token('unknown'), keys.getKey)).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
    await keys.refresh();
    expect(realm.calls.length).toBe(attempts);

    realm.up = true;
    await sleep(110);
    await keys.refresh();
    expect(keys.status().status).toBe('up');
  });

  it('cannot verify anything when the realm was never reached', async () => {
    const realm = await fakeRealm();
    realm.up = false;
    const keys = keysFor(realm);
    await expect(jwtVerify(await realm.token(), keys.getKey)).rejects.toThrow();
    await expect(jwtVerify(await realm.token(), keys.getKey)).rejects.toThrow();
    expect(realm.calls).toEqual(['discovery']);
    expect(keys.status().status).toBe('down');
  });
});
