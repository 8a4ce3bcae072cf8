import { createCache } from 'cache-manager';
import type { RequestTransaction } from '../database/request-transaction';
import type { RedisConnection } from '../redis/redis-connection';
import { AccessCache } from './access-cache';

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
});
