import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, findSecrets, startTestApp, TestApp } from '@erp/test-support';

const WRONG_PASSWORD = 'wrong-password-4e1f9c2b7a';
const NEW_MEMBER_PASSWORD = 'member-password-93b7d0c1e5';
const API_KEY = 'erp_fake-api-key-6d2a8f0b3c9e';

describe('No secret in logs', () => {
  // Every line the app logs, at every level (LOG_CAPTURE_FILE), whatever LOG_LEVEL prints.
  const capture = join(tmpdir(), `erp-no-secrets-${process.pid}-${Date.now()}.log`);
  const written: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    // Whatever bypasses the Nest logger (console, a library writing to the streams) is caught too.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return write(chunk, ...rest);
      });
    }
    t = await startTestApp({ LOG_CAPTURE_FILE: capture });
  });
  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
    rmSync(capture, { force: true });
  });

  it('logs no password, access token, refresh token or API key during sign-in, refresh and failures', async () => {
    const secrets: string[] = [ADMIN_PASSWORD, WRONG_PASSWORD, NEW_MEMBER_PASSWORD, API_KEY];
    const obtain = (username: string, password: unknown) =>
      t.http.post('/api/v1/auth/token/obtain', { username, password });

    const login = await obtain(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(login.status).toBe(200);
    const { access_token: token, refresh_token: refresh } = login.body.data;
    secrets.push(token, refresh);

    // Authenticated work, including a body with a password.
    const org = await t.http.post('/api/v1/organizations', { name: 'Logs Inc', code: 'LOGS' }, { token });
    expect(org.status).toBe(201);
    const member = await t.http.post(
      `/api/v1/organizations/${org.body.data.id}/users`,
      { email: 'member@logs.example', full_name: 'Member', password: NEW_MEMBER_PASSWORD },
      { token },
    );
    expect(member.status).toBe(201);
    const memberLogin = await obtain('member@logs.example', NEW_MEMBER_PASSWORD);
    expect(memberLogin.status).toBe(200);
    secrets.push(memberLogin.body.data.access_token, memberLogin.body.data.refresh_token);

    // Rotation, then reuse of the rotated token (which revokes the family and is reported).
    const refreshed = await t.http.post('/api/v1/auth/token/refresh', { refresh_token: refresh });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.data.access_token, refreshed.body.data.refresh_token);
    const reused = await t.http.post('/api/v1/auth/token/refresh', { refresh_token: refresh });
    expect(reused.status).toBe(401);

    // Failures that are not 500s: wrong password, unknown user, malformed bodies, a wrong refresh
    // token, a tampered access token, an API key that does not exist (in a header or the URL).
    const tampered = `${token.slice(0, -4)}AAAA`;
    secrets.push(tampered);
    const failures = [
      await obtain(ADMIN_EMAIL, WRONG_PASSWORD),
      await obtain('nobody@logs.example', WRONG_PASSWORD),
      await obtain(ADMIN_EMAIL, { nested: WRONG_PASSWORD }),
      await t.http.post('/api/v1/auth/token/obtain', {
        username: ADMIN_EMAIL,
        password: WRONG_PASSWORD,
        extra: WRONG_PASSWORD,
      }),
      await t.http.post('/api/v1/auth/token/refresh', { refresh_token: `${refresh}x` }),
      await t.http.get('/api/v1/auth/me', { token: tampered }),
      await t.http.get('/api/v1/auth/me', { headers: { 'x-api-key': API_KEY } }),
      await t.http.get(`/api/v1/auth/me?api_key=${API_KEY}`),
    ];
    expect(failures.slice(0, 6).map((res) => res.status)).toEqual([401, 401, 422, 422, 401, 401]);
    for (const res of failures.slice(6)) expect(res.status).toBeGreaterThanOrEqual(400);
    for (const res of failures) expect(res.status).toBeLessThan(500);
    expect(
      (await t.http.post('/api/v1/auth/logout', { refresh_token: refreshed.body.data.refresh_token })).status,
    ).toBe(204);

    // The capture works: start-up lines and one line per request, at levels LOG_LEVEL does not print.
    const logged = readFileSync(capture, 'utf8').split('\n').filter(Boolean);
    const access = logged
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.context === 'Http');
    const requests = (method: string, url: string, status: number) =>
      access.filter((line) => line.method === method && line.url === url && line.status === status);
    expect(requests('POST', '/api/v1/auth/token/obtain', 401)).toHaveLength(2);
    // The path of a request is logged, never its query string.
    expect(requests('GET', '/api/v1/auth/me', 401)).toHaveLength(3);
    const everything = [...logged, ...written];
    for (const secret of secrets) {
      const leaks = everything.filter((line) => line.includes(secret));
      expect({ secret: `${secret.slice(0, 6)}…`, leaks }).toEqual({
        secret: `${secret.slice(0, 6)}…`,
        leaks: [],
      });
    }
    expect(findSecrets(everything, secrets)).toEqual([]);
  });
});
