import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '@erp/test-support';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '600' });
  });
  afterAll(() => t.close());

  const obtain = (username: string, password: string) =>
    t.http.post('/api/v1/auth/token/obtain', { username, password });

  it('issues a short-lived access token and an opaque refresh token', async () => {
    const res = await obtain(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refresh_token: expect.stringMatching(/^[\w-]{43}$/),
      token_type: 'Bearer',
      expires_in: 900,
    });
    const stored = await t.ownerQuery<{ token_hash: string }>('select token_hash from refresh_tokens');
    expect(stored.map((r) => r.token_hash)).not.toContain(res.body.data.refresh_token);
  });

  it('answers unknown users and wrong passwords with the same AUTH001 body', async () => {
    const unknown = await obtain('nobody@test.local', 'whatever-password');
    const wrong = await obtain(ADMIN_EMAIL.toUpperCase(), 'wrong-password');
    for (const res of [unknown, wrong]) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body.error).toMatchObject({ code: 'AUTH001', message: 'Invalid username or password' });
    }
  });

  it('locks the account after repeated failures, with the same answer even for the right password', async () => {
    const scenarioUser = 'locked@test.local';
    await t.ownerQuery(
      `insert into users (id, email, full_name, password_hash) select gen_random_uuid(), $1, 'Locked', password_hash from users where email = $2`,
      [scenarioUser, ADMIN_EMAIL],
    );
    for (let i = 0; i < 3; i += 1) expect((await obtain(scenarioUser, 'bad-password')).status).toBe(401);
    const right = await obtain(scenarioUser, ADMIN_PASSWORD);
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('AUTH001');
    const [row] = await t.ownerQuery<{ locked: boolean }>(
      'select locked_until > now() as locked from users where email = $1',
      [scenarioUser],
    );
    expect(row.locked).toBe(true);
    await t.ownerQuery(`update users set locked_until = now() - interval '1 second' where email = $1`, [
      scenarioUser,
    ]);
    expect((await obtain(scenarioUser, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = (await obtain(ADMIN_EMAIL, ADMIN_PASSWORD)).body.data.refresh_token as string;
    const second = await t.http.post('/api/v1/auth/token/refresh', { refresh_token: first });
    expect(second.status).toBe(200);
    const secondToken = second.body.data.refresh_token as string;
    expect(secondToken).not.toBe(first);

    const reuse = await t.http.post('/api/v1/auth/token/refresh', { refresh_token: first });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('AUTH003');
    // The family is gone: even the newest token no longer works.
    expect((await t.http.post('/api/v1/auth/token/refresh', { refresh_token: secondToken })).status).toBe(
      401,
    );
  });

  it('logout revokes the family', async () => {
    const token = (await obtain(ADMIN_EMAIL, ADMIN_PASSWORD)).body.data.refresh_token as string;
    expect((await t.http.post('/api/v1/auth/logout', { refresh_token: token })).status).toBe(204);
    expect((await t.http.post('/api/v1/auth/token/refresh', { refresh_token: token })).status).toBe(401);
  });

  it('refuses missing, malformed, tampered and expired access tokens', async () => {
    const access = (await obtain(ADMIN_EMAIL, ADMIN_PASSWORD)).body.data.access_token as string;
    const [h, p, s] = access.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'x', typ: 'Bearer', adm: true })).toString('base64url')}.${s}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    for (const token of [undefined, 'garbage', tampered, none]) {
      const res = await t.http.get('/api/v1/auth/me', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH003');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const me = await t.http.get('/api/v1/auth/me', { token: access });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ email: ADMIN_EMAIL, is_platform_admin: true, organizations: [] });
  });
});
