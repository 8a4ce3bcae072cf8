import { createCache } from 'cache-manager';
import { ClsServiceManager } from 'nestjs-cls';
import type { RequestTransaction } from '../database/request-transaction';
import type { RedisConnection } from '../redis/redis-connection';
import { AccessCache, ACCOUNTS_SCOPE } from './access-cache';

const ORG = 'org-1';

function setup() {
  const afterCommit: (() => Promise<void>)[] = [];
  const transaction = {
    afterCommit: (fn: () => Promise<void>) => afterCommit.push(fn),
  } as unknown as RequestTransaction;
  const access = new AccessCache(createCache(), transaction, {
    status: 'none',
    client: null,
  } as unknown as RedisConnection);
  const commit = async () => {
    for (const fn of afterCommit.splice(0)) await fn();
  };
  return { access, commit };
}

describe('AccessCache', () => {
  it('answers from the cache until the organization is invalidated, then loads again', async () => {
    const { access, commit } = setup();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await access.read(ORG, 'u', load)).toBe(1);
    expect(await access.read(ORG, 'u', load)).toBe(1);
    expect(access.stats).toEqual({ hits: 1, misses: 1, bypassed: 0 });
    access.invalidateAfterCommit(ORG);
    expect(await access.read(ORG, 'u', load)).toBe(1); // not before the commit
    await commit();
    expect(await access.read(ORG, 'u', load)).toBe(2);
    expect(await access.read('other-org', 'u', load)).toBe(3);
  });

  it('never keeps what a reader loaded before a change committed', async () => {
    const { access } = setup();
    let release: (value: string) => void = () => undefined;
    const slowStale = new Promise<string>((resolve) => (release = resolve));
    // A reader starts loading the old state...
    const reading = access.read(ORG, 'u', () => slowStale);
    await new Promise((resolve) => setImmediate(resolve));
    // ...a change commits and invalidates while it loads...
    await access.invalidate(ORG);
    release('old grants');
    expect(await reading).toBe('old grants');
    // ...and what it stored is never served: the next read loads the new state.
    expect(await access.read(ORG, 'u', () => Promise.resolve('new grants'))).toBe('new grants');
  });

  it('prefetches the account and the organization in one read of the store, used once each', async () => {
    const cache = createCache();
    const transaction = {} as RequestTransaction;
    const cls = ClsServiceManager.getClsService();
    const access = new AccessCache(cache, transaction, { status: 'none' } as RedisConnection, cls);
    await access.read(ACCOUNTS_SCOPE, 'u', () => Promise.resolve('active'));
    await access.read(ORG, 'u', () => Promise.resolve('grants'));
    const mget = jest.spyOn(cache, 'mget');
    await cls.run(async () => {
      await access.prefetch('u', [ACCOUNTS_SCOPE, ORG]);
      expect(mget).toHaveBeenCalledTimes(1);
      const fail = () => Promise.reject(new Error('should be a hit'));
      expect(await access.read(ACCOUNTS_SCOPE, 'u', fail)).toBe('active');
      expect(await access.read(ORG, 'u', fail)).toBe('grants');
      expect(mget).toHaveBeenCalledTimes(1);
      // Used once: a later read in the same request asks the store again (and sees any change).
      await access.invalidate(ORG);
      expect(await access.read(ORG, 'u', () => Promise.resolve('new grants'))).toBe('new grants');
      expect(mget).toHaveBeenCalledTimes(2);
    });
  });
});
