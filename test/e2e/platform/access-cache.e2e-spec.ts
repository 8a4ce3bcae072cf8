import { AccessCache } from '@erp/platform';
import {
  Scenario,
  startSecondInstance,
  startOrganizationApp,
  TestApp,
  TestMember,
  TestOrganization,
} from '@erp/test-support';

describe('cached authorization inputs (issue 4, caching)', () => {
  let t: TestApp;
  let s: Scenario;
  let org: TestOrganization;
  let admin: TestMember;
  let base: string;

  beforeAll(async () => {
    ({ t, s, org, admin, base } = await startOrganizationApp());
  });
  afterAll(() => t.close());

  const tasks = (member: TestMember, http = t.http) => http.get(`${base}/tasks`, { token: member.token });

  it('serves repeated requests from the cache', async () => {
    const member = await s.addMember(org.id, { roles: ['member'] });
    const cache = t.app.get(AccessCache);
    const before = { ...cache.stats };
    for (let i = 0; i < 3; i++) expect((await tasks(member)).status).toBe(200);
    expect(cache.stats.hits - before.hits).toBeGreaterThanOrEqual(2);
  });

  it('loses a revoked role on the very next request, also through another instance', async () => {
    const member = await s.addMember(org.id, { roles: ['member'] });
    const other = await startSecondInstance(t);
    try {
      expect((await tasks(member, other.http)).status).toBe(200);
      expect((await tasks(member)).status).toBe(200);
      const roleId = await s.roleId(org.id, 'member');
      const revoked = await t.http.request(
        'DELETE',
        `${base}/users/${member.userId}/roles/${roleId}`,
        undefined,
        {
          token: admin.token,
        },
      );
      expect(revoked.status).toBe(204);
      for (const http of [t.http, other.http]) {
        const refused = await tasks(member, http);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('AUTH004');
      }
    } finally {
      await other.close();
    }
  });

  it('applies a new policy and a removed membership at once', async () => {
    const member = await s.addMember(org.id, { roles: ['member'] });
    const created = await t.http.post(
      `${base}/tasks`,
      { title: 'Seen until denied' },
      { token: admin.token },
    );
    const url = created.headers.location as string;
    expect((await t.http.get(url, { token: member.token })).status).toBe(200);
    const policy = await t.http.post(
      `${base}/policies`,
      { name: 'nobody reads', permission: 'task:read', effect: 'deny', condition: 'time.hour >= 0' },
      { token: admin.token },
    );
    expect(policy.status).toBe(201);
    expect((await t.http.get(url, { token: member.token })).status).toBe(403);
    await t.http.request('DELETE', `${base}/policies/${policy.body.data.id}`, undefined, {
      token: admin.token,
    });
    expect((await t.http.get(url, { token: member.token })).status).toBe(200);

    await t.http.request('DELETE', `${base}/users/${member.userId}`, undefined, { token: admin.token });
    const gone = await t.http.get(url, { token: member.token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('BIZ002');
  });

  it('answers from the database when Redis is unreachable', async () => {
    const member = await s.addMember(org.id, { roles: ['member'] });
    const offline = await startSecondInstance(t, { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const started = Date.now();
      for (let i = 0; i < 3; i++) expect((await tasks(member, offline.http)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      const roleId = await s.roleId(org.id, 'member');
      await offline.http.request('DELETE', `${base}/users/${member.userId}/roles/${roleId}`, undefined, {
        token: admin.token,
      });
      expect((await tasks(member, offline.http)).status).toBe(403);
    } finally {
      await offline.close();
    }
  });
});
