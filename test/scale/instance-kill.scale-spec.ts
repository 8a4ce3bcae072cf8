import { waitFor } from '../support/process';
import { postStream } from './support/post-stream';
import { scaleOrganization } from './support/organization';
import { ScaleStack } from './support/stack';

/**
 * Issue 4 point 8: killing an instance (SIGKILL) under load loses no acknowledged write. haproxy
 * health-checks /health/ready, retries on a failed connection and redispatches; requests in flight
 * on the killed instance may fail, but every POST that got a 2xx is in the database.
 */
describe('an instance killed under load', () => {
  let stack: ScaleStack;

  beforeAll(async () => {
    stack = await ScaleStack.start();
  }, 120_000);
  afterAll(() => stack?.dispose(), 60_000);

  it('loses no acknowledged write, and the other instance carries on', async () => {
    const { org, admin, base } = await scaleOrganization(stack);
    const stream = postStream(stack.proxy, `${base}/tasks`, admin.token, 8);
    try {
      await waitFor(() => Promise.resolve(stream.acknowledged().length >= 100), 30_000);
      stream.mark();
      await stack.apis[0].kill();
      const before = stream.acknowledged().length;
      await waitFor(() => Promise.resolve(stream.acknowledged().length >= before + 150), 30_000);
    } finally {
      await stream.stop();
    }

    const acknowledged = stream.acknowledged();
    const stored = await stack.ownerQuery<{ id: string; title: string }>(
      'select id, title from tasks where organization_id = $1',
      [org.id],
    );
    const storedIds = new Set(stored.map((r) => r.id));
    const lost = acknowledged.filter((o) => !o.id || !storedIds.has(o.id));
    expect(lost).toEqual([]);
    // One row per write: a retried POST was replayed, not run twice.
    expect(stored.length).toBe(new Set(stored.map((r) => r.title)).size);
    // Failures are allowed only for requests in flight when the instance died.
    const failed = stream.outcomes.filter((o) => !(typeof o.status === 'number' && o.status < 300));
    expect(failed.filter((o) => !o.late)).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(8);
    // Both instances took writes before the kill; after it, b answered alone.
    expect(acknowledged.some((o) => o.servedBy === 'a' && !o.late)).toBe(true);
    const lastServed = acknowledged.slice(-50).map((o) => o.servedBy);
    expect(new Set(lastServed)).toEqual(new Set(['b']));
  }, 90_000);
});
