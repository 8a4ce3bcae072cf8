import { Redis } from 'ioredis';
import {
  Scenario,
  startSecondInstance,
  startTestApp,
  TestApp,
  TestHttp,
  TestMember,
} from '@erp/test-support';

const PUBLIC = '/api/v1/meta/errors';
const LIMITED = {
  RATE_LIMITS: 'anonymous=3/60,user=5/60,api_key=5/60,auth=3/60',
  RATE_LIMIT_BLOCK_SECONDS: '120',
};

/** A limited instance on a fresh key space, beside `t` (whose generous limits set the data up). */
const limited = (t: TestApp, extra: Record<string, string> = {}) =>
  startSecondInstance(t, {
    ...LIMITED,
    REDIS_KEY_PREFIX: `${t.env.REDIS_KEY_PREFIX}${Math.random().toString(36).slice(2, 8)}:`,
    ...extra,
  });

describe('rate limits (contract §8)', () => {
  let t: TestApp;
  let member: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    const s = new Scenario(t);
    const org = await s.createOrganization();
    member = await s.addMember(org.id, { roles: ['member'] });
    other = await s.addMember(org.id, { roles: ['member'] });
  });
  afterAll(() => t.close());

  describe('one instance with Redis', () => {
    let api: { http: TestHttp; close(): Promise<void> };
    let prefix: string;
    beforeAll(async () => {
      prefix = `${t.env.REDIS_KEY_PREFIX}one:`;
      api = await startSecondInstance(t, { ...LIMITED, REDIS_KEY_PREFIX: prefix });
    });
    afterAll(() => api.close());

    it('counts per user across routes, with X-RateLimit headers, then 429 RATE001 with Retry-After', async () => {
      const urls = [
        '/api/v1/auth/me',
        '/api/v1/organizations',
        '/api/v1/permissions',
        '/api/v2/auth/me',
        '/api/v1/auth/me',
      ];
      const remaining: unknown[] = [];
      for (const url of urls) {
        const response = await api.http.get(url, { token: member.token });
        expect(response.status).toBe(200);
        expect(response.headers['x-ratelimit-limit']).toBe('5');
        expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        remaining.push(response.headers['x-ratelimit-remaining']);
      }
      expect(remaining).toEqual(['4', '3', '2', '1', '0']);

      const refused = await api.http.get('/api/v1/auth/me', { token: member.token });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('RATE001');
      expect(refused.headers['retry-after']).toBe('120');
      expect(refused.headers['x-ratelimit-limit']).toBe('5');
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');

      // Another user has a counter of its own.
      expect((await api.http.get('/api/v1/auth/me', { token: other.token })).status).toBe(200);
    });

    it('keeps the caller blocked for the block period, longer than the window', async () => {
      const redis = new Redis(t.env.REDIS_URL);
      try {
        const ttl = await redis.ttl(`{${prefix}rl:user:${member.userId}:default}:blocked`);
        expect(ttl).toBeGreaterThan(60);
        expect(ttl).toBeLessThanOrEqual(120);
      } finally {
        redis.disconnect();
      }
    });

    it('limits anonymous calls per IP and ignores X-Forwarded-For from an untrusted peer', async () => {
      for (let i = 0; i < 3; i++)
        expect((await api.http.get(PUBLIC, { headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status).toBe(
          200,
        );
      const refused = await api.http.get(PUBLIC, { headers: { 'x-forwarded-for': '10.9.9.9' } });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('RATE001');
    });

    it('limits the token endpoints per IP, more strictly, whatever the account', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (
            await api.http.post('/api/v1/auth/token/obtain', {
              username: `nobody${i}@x.test`,
              password: 'wrong',
            })
          ).body.error.code,
        );
      expect(codes).toEqual(['AUTH001', 'AUTH001', 'AUTH001', 'RATE001']);
    });
  });

  it('believes X-Forwarded-For from a trusted proxy: clients behind it have counters of their own', async () => {
    const api = await limited(t, { TRUSTED_PROXIES: '127.0.0.1' });
    try {
      for (const client of ['10.0.0.1', '10.0.0.2'])
        for (let i = 0; i < 3; i++)
          expect((await api.http.get(PUBLIC, { headers: { 'x-forwarded-for': client } })).status).toBe(200);
      expect((await api.http.get(PUBLIC, { headers: { 'x-forwarded-for': '10.0.0.1' } })).status).toBe(429);
    } finally {
      await api.close();
    }
  });

  it('never limits the health probes: a balancer checks them far more often than any tier allows', async () => {
    const api = await limited(t);
    try {
      for (let i = 0; i < 5; i++) {
        expect((await api.http.get('/health/live')).status).toBe(200);
        const ready = await api.http.get('/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.headers['x-ratelimit-limit']).toBeUndefined();
      }
      // The probes counted for nothing: the anonymous tier is still whole.
      expect((await api.http.get(PUBLIC)).headers['x-ratelimit-remaining']).toBe('2');
    } finally {
      await api.close();
    }
  });

  /** Ten anonymous calls alternating between two instances: how many pass. */
  async function passedThroughTwoInstances(env: Record<string, string>): Promise<number> {
    const prefix = `${t.env.REDIS_KEY_PREFIX}${Math.random().toString(36).slice(2, 8)}:`;
    const a = await startSecondInstance(t, { ...LIMITED, REDIS_KEY_PREFIX: prefix, ...env });
    const b = await startSecondInstance(t, { ...LIMITED, REDIS_KEY_PREFIX: prefix, ...env });
    try {
      let passed = 0;
      for (let i = 0; i < 10; i++) if ((await [a, b][i % 2].http.get(PUBLIC)).status === 200) passed += 1;
      return passed;
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }

  it('holds a limit of L across two instances sharing Redis; in-memory counters let 2L through', async () => {
    expect(await passedThroughTwoInstances({})).toBe(3);
    expect(await passedThroughTwoInstances({ REDIS_URL: '' })).toBe(6);
  });

  it('with Redis unreachable: general limits open, token endpoints limited per instance, readiness degraded', async () => {
    const api = await limited(t, { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const started = Date.now();
      for (let i = 0; i < 6; i++) expect((await api.http.get(PUBLIC)).status).toBe(200);
      // Nothing waits on a dead connection: six requests take far less than one command timeout each.
      expect(Date.now() - started).toBeLessThan(6 * 300);
      const codes: string[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await api.http.post('/api/v1/auth/token/obtain', { username: 'x@x.test', password: 'nope' })).body
            .error.code,
        );
      expect(codes).toEqual(['AUTH001', 'AUTH001', 'AUTH001', 'RATE001']);
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.data).toMatchObject({
        status: 'degraded',
        checks: { database: 'up', cache: 'down' },
      });
    } finally {
      await api.close();
    }
  });
});
