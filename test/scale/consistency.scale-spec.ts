import type { TestMember } from '../support/scenario';
import type { FetchHttp } from './support/fetch-http';
import { scaleOrganization } from './support/organization';
import { ScaleStack } from './support/stack';

const ROUNDS = 20;

/**
 * Issue 4 point 8: a write through one instance is never read stale through the other. Every
 * round first reads through the reader (so whatever it caches is warm), writes through the
 * writer, then reads through the reader at once; the two swap each round.
 */
describe('no stale read across two instances', () => {
  let stack: ScaleStack;
  let admin: TestMember;
  let base: string;
  let memberOf: (roles: string[]) => Promise<TestMember>;
  let roleId: (code: string) => Promise<string>;

  beforeAll(async () => {
    stack = await ScaleStack.start();
    const o = await scaleOrganization(stack);
    ({ admin, base } = o);
    memberOf = (roles) => o.s.addMember(o.org.id, { roles });
    roleId = (code) => o.s.roleId(o.org.id, code);
  }, 120_000);
  afterAll(() => stack?.dispose(), 60_000);

  /** Round i: [writer, reader]. */
  const pair = (i: number): [FetchHttp, FetchHttp] => (i % 2 === 0 ? [stack.a, stack.b] : [stack.b, stack.a]);
  const as = (token: string, headers: Record<string, string> = {}) => ({ token, headers });

  it('reads a task created, changed and deleted through the other instance as written', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const [writer, reader] = pair(i);
      const created = await writer.post(`${base}/tasks`, { title: `task ${i}` }, as(admin.token));
      expect(created.status).toBe(201);
      const url = `${base}/tasks/${created.body.data.id}`;
      const first = await reader.get(url, as(admin.token));
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({ title: `task ${i}`, version: 1 });

      const changed = await writer.patch(
        url,
        { title: `task ${i} changed`, status: 'in_progress' },
        as(admin.token, { 'if-match': first.headers.etag as string }),
      );
      expect(changed.status).toBe(200);
      const second = await reader.get(url, as(admin.token));
      expect(second.body.data).toMatchObject({
        title: `task ${i} changed`,
        status: 'in_progress',
        version: 2,
      });
      expect(second.headers.etag).toBe(changed.headers.etag);

      expect((await writer.delete(url, as(admin.token))).status).toBe(204);
      const gone = await reader.get(url, as(admin.token));
      expect(gone.status).toBe(404);
    }
  });

  it('reads a project changed through the other instance as written', async () => {
    const created = await stack.a.post(
      `${base}/projects`,
      { name: 'Retrofit', code: 'retrofit' },
      as(admin.token),
    );
    expect(created.status).toBe(201);
    const url = `${base}/projects/${created.body.data.id}`;
    for (let i = 0; i < ROUNDS; i++) {
      const [writer, reader] = pair(i);
      const before = await reader.get(url, as(admin.token));
      expect(before.status).toBe(200);
      const changed = await writer.patch(
        url,
        { name: `Retrofit ${i}` },
        as(admin.token, { 'if-match': before.headers.etag as string }),
      );
      expect(changed.status).toBe(200);
      const after = await reader.get(url, as(admin.token));
      expect(after.body.data.name).toBe(`Retrofit ${i}`);
      expect(after.headers.etag).toBe(changed.headers.etag);
    }
  });

  it('refuses at once, on the other instance, a member whose role was revoked (and allows a regrant)', async () => {
    const member = await memberOf(['member']);
    const memberRole = await roleId('member');
    const grants = `${base}/users/${member.userId}/roles`;
    for (let i = 0; i < ROUNDS / 2; i++) {
      const [writer, reader] = pair(i);
      expect((await reader.get(`${base}/tasks`, as(member.token))).status).toBe(200);
      expect((await writer.delete(`${grants}/${memberRole}`, as(admin.token))).status).toBe(204);
      const refused = await reader.get(`${base}/tasks`, as(member.token));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('AUTH004');
      expect((await writer.post(grants, { role_id: memberRole }, as(admin.token))).status).toBe(201);
      expect((await reader.get(`${base}/tasks`, as(member.token))).status).toBe(200);
    }
  });

  it('applies a deny policy created or deleted through the other instance at once', async () => {
    const member = await memberOf(['member']);
    for (let i = 0; i < ROUNDS / 2; i++) {
      const [writer, reader] = pair(i);
      expect((await reader.get(`${base}/tasks`, as(member.token))).status).toBe(200);
      const policy = await writer.post(
        `${base}/policies`,
        { name: `nobody reads ${i}`, permission: 'task:read', effect: 'deny', condition: 'time.hour >= 0' },
        as(admin.token),
      );
      expect(policy.status).toBe(201);
      expect((await reader.get(`${base}/tasks`, as(member.token))).status).toBe(403);
      expect((await writer.delete(`${base}/policies/${policy.body.data.id}`, as(admin.token))).status).toBe(
        204,
      );
      expect((await reader.get(`${base}/tasks`, as(member.token))).status).toBe(200);
    }
  });

  it('balances through haproxy, and a write through it is read back through it at once', async () => {
    const served = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const created = await stack.proxy.post(`${base}/tasks`, { title: `via proxy ${i}` }, as(admin.token));
      served.add(created.headers['x-served-by'] as string);
      const read = await stack.proxy.get(`${base}/tasks/${created.body.data.id}`, as(admin.token));
      served.add(read.headers['x-served-by'] as string);
      expect(read.body.data.title).toBe(`via proxy ${i}`);
    }
    expect(served).toEqual(new Set(['a', 'b']));
  });
});
