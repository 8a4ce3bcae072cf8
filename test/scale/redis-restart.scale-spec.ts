import type { Scenario, TestMember, TestOrganization } from '../support/scenario';
import { waitFor } from '../support/process';
import type { FetchHttp } from './support/fetch-http';
import { getLoad } from './support/get-load';
import { scaleOrganization } from './support/organization';
import { ScaleStack } from './support/stack';

/**
 * Issue 4 point 8: Redis stopped and started under load. Answers stay correct throughout (no 5xx;
 * the caches are bypassed, general rate limits open, token endpoints limited in memory), and the
 * instances use Redis again once it is back, without trusting what it cached before the outage.
 */
describe('Redis stopped and started under load', () => {
  let stack: ScaleStack;
  let s: Scenario;
  let org: TestOrganization;
  let admin: TestMember;
  let base: string;

  beforeAll(async () => {
    stack = await ScaleStack.start({}, { persistentRedis: true });
    ({ s, org, admin, base } = await scaleOrganization(stack));
  }, 120_000);
  afterAll(() => stack?.dispose(), 60_000);

  const as = (token: string) => ({ token });
  const readiness = async (http: FetchHttp) => (await http.get('/health/ready')).body.data;
  const tasksStatus = async (http: FetchHttp, member: TestMember) =>
    (await http.get(`${base}/tasks`, as(member.token))).status;

  it('answers correctly while Redis is away and uses it again once it is back', async () => {
    const member = await s.addMember(org.id, { roles: ['member'] });
    const memberRole = await s.roleId(org.id, 'member');
    const created = await stack.proxy.post(`${base}/tasks`, { title: 'steady' }, as(admin.token));
    const taskUrl = `${base}/tasks/${created.body.data.id}`;
    // Both instances cache the member's access in Redis.
    for (const http of [stack.a, stack.b]) expect(await tasksStatus(http, member)).toBe(200);
    expect(await stack.redis.keys(`*${member.userId}*`)).not.toEqual([]);

    const load = getLoad(stack.proxy, taskUrl, admin.token, 4);
    try {
      await waitFor(() => Promise.resolve(load.outcomes.length >= 40), 20_000);
      await stack.redis.stop();
      for (const http of [stack.a, stack.b])
        await waitFor(async () => (await readiness(http))?.checks?.cache === 'down', 10_000);
      for (const http of [stack.a, stack.b])
        expect(await readiness(http)).toMatchObject({ status: 'degraded', checks: { database: 'up' } });

      // A revocation while Redis is away holds on both instances at once...
      expect(
        (await stack.a.delete(`${base}/users/${member.userId}/roles/${memberRole}`, as(admin.token))).status,
      ).toBe(204);
      for (const http of [stack.b, stack.a]) expect(await tasksStatus(http, member)).toBe(403);
      // ...writes are read back through the other instance, and signing in still works.
      const changed = await stack.b.patch(taskUrl, { title: 'changed while Redis is away' }, as(admin.token));
      expect(changed.status).toBe(200);
      expect((await stack.a.get(taskUrl, as(admin.token))).body.data.title).toBe(
        'changed while Redis is away',
      );
      expect(await s.login(member.email, member.password)).toEqual(expect.any(String));

      await stack.redis.start();
      for (const http of [stack.a, stack.b])
        await waitFor(async () => (await readiness(http))?.status === 'ok', 15_000);
      const mark = load.outcomes.length;
      await waitFor(() => Promise.resolve(load.outcomes.length >= mark + 40), 20_000);
    } finally {
      await load.stop();
    }

    // Redis came back with the entries cached before the outage: none of them is trusted.
    for (const http of [stack.a, stack.b]) expect(await tasksStatus(http, member)).toBe(403);
    expect(
      (await stack.b.post(`${base}/users/${member.userId}/roles`, { role_id: memberRole }, as(admin.token)))
        .status,
    ).toBe(201);
    for (const http of [stack.a, stack.b]) expect(await tasksStatus(http, member)).toBe(200);
    // Used again: a newcomer's access and rate limit counters land in Redis.
    const newcomer = await s.addMember(org.id, { roles: ['member'] });
    for (const http of [stack.a, stack.b]) expect(await tasksStatus(http, newcomer)).toBe(200);
    const keys = await stack.redis.keys(`*${newcomer.userId}*`);
    expect(keys.some((k) => k.includes('access'))).toBe(true);
    expect(keys.some((k) => k.includes('rl:user'))).toBe(true);

    // Throughout: every read answered, and correctly.
    expect(load.outcomes.filter((o) => o.status !== 200)).toEqual([]);
  }, 120_000);
});
