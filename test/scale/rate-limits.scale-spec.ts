import { randomInt } from 'node:crypto';
import { ScaleStack } from './support/stack';

const L = 6;
const PUBLIC = '/api/v1/meta/errors';

/**
 * Issue 4 point 8: a limit of L holds across both instances behind haproxy when they count in the
 * shared Redis; with each instance counting in its own memory, about 2L get through.
 */
describe('a rate limit across two instances behind haproxy', () => {
  let stack: ScaleStack;

  beforeAll(async () => {
    stack = await ScaleStack.start({
      RATE_LIMITS: `anonymous=${L}/60,user=100000/3600,api_key=100000/3600,auth=100000/3600`,
    });
  }, 120_000);
  afterAll(() => stack?.dispose(), 60_000);

  /** 4L anonymous calls through haproxy from one client (a fresh address, believed from haproxy). */
  async function burst(): Promise<{ passed: number; refused: number; servedBy: Set<string> }> {
    const client = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    let passed = 0;
    let refused = 0;
    const servedBy = new Set<string>();
    for (let i = 0; i < 4 * L; i++) {
      const response = await stack.proxy.get(PUBLIC, { headers: { 'x-forwarded-for': client } });
      servedBy.add(String(response.headers['x-served-by']));
      if (response.status === 200) passed += 1;
      else if (response.status === 429 && response.body.error.code === 'RATE001') refused += 1;
      else throw new Error(`unexpected ${response.status}: ${response.text}`);
    }
    return { passed, refused, servedBy };
  }

  it('lets exactly L through when both instances count in Redis', async () => {
    const { passed, refused, servedBy } = await burst();
    expect(servedBy).toEqual(new Set(['a', 'b']));
    expect(passed).toBe(L);
    expect(refused).toBe(3 * L);
  });

  it('lets 2L through when each instance counts in its own memory (so the test above can fail)', async () => {
    await stack.restartApis({ REDIS_URL: '' });
    const { passed, servedBy } = await burst();
    expect(servedBy).toEqual(new Set(['a', 'b']));
    expect(passed).toBe(2 * L);
  }, 90_000);
});
