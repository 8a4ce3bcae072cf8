import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, Server, Socket } from 'node:net';
import { AppConfig } from '../config/app-config';
import type { RequestTransaction } from '../database/request-transaction';
import { RedisConnection } from '../redis/redis-connection';
import { MemoryRecordStore } from './memory-record-store';
import { RecordCache } from './record-cache';
import { DELETED_VERSION, RecordStore } from './record-store';
import { RedisRecordStore } from './redis-record-store';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const TTL = 60_000;
const ORG = randomUUID();

interface Row {
  organization_id: string;
  version: number;
  title: string;
}
const row = (version: number, title = `v${version}`): Row => ({ organization_id: ORG, version, title });

/** Until `status` holds (the connection's state follows its socket a little later). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error('condition not met');
}

/** A transaction stand-in whose after-commit callbacks the test runs (the cache only registers them). */
function fakeTransaction() {
  const callbacks: (() => void | Promise<void>)[] = [];
  const transaction = { afterCommit: (fn: () => Promise<void>) => callbacks.push(fn) };
  const commit = async () => {
    for (const fn of callbacks.splice(0)) await fn();
  };
  return { transaction: transaction as unknown as RequestTransaction, commit };
}

async function connect(url: string, prefix: string) {
  const config = Object.assign(new AppConfig(), { REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
  const redis = new RedisConnection(config);
  await redis.onModuleInit();
  const { transaction, commit } = fakeTransaction();
  const cache = new RecordCache(config, redis, transaction);
  cache.onModuleInit();
  return { redis, cache, commit };
}

describe('record cache slots: compare-and-set on versions (real Redis, and in memory)', () => {
  let redis: RedisConnection;
  const stores: [string, () => RecordStore][] = [
    ['redis', () => new RedisRecordStore(redis.client!, `test-${randomBytes(6).toString('hex')}:`)],
    ['memory', () => new MemoryRecordStore()],
  ];

  beforeAll(async () => {
    redis = new RedisConnection(Object.assign(new AppConfig(), { REDIS_URL }));
    await redis.onModuleInit();
  });
  afterAll(() => redis.onApplicationShutdown());

  describe.each(stores)('%s', (_name, create) => {
    let store: RecordStore;
    beforeEach(() => (store = create()));

    it('refuses to fill an old version after a newer write left its tombstone', async () => {
      const epoch = await store.currentEpoch();
      expect(await store.mark('k', 3, TTL)).toBe(true); // a writer committed version 3
      expect(await store.fill('k', epoch, 2, row(2), TTL)).toBe(false); // a reader that loaded 2
      expect((await store.read('k')).slot).toEqual({ version: 3, epoch: null });
      expect(await store.fill('k', epoch, 3, row(3), TTL)).toBe(true);
      expect((await store.read('k')).slot).toEqual({ version: 3, epoch, data: row(3) });
    });

    it('lets a tombstone replace an older entry but never a newer one', async () => {
      const epoch = await store.currentEpoch();
      expect(await store.fill('k', epoch, 4, row(4), TTL)).toBe(true);
      expect(await store.mark('k', 3, TTL)).toBe(false); // a late tombstone of an older write
      expect((await store.read('k')).slot?.data).toEqual(row(4));
      expect(await store.mark('k', 5, TTL)).toBe(true);
      expect((await store.read('k')).slot?.data).toBeUndefined();
    });

    it('never fills a deleted record again', async () => {
      const epoch = await store.currentEpoch();
      await store.fill('k', epoch, 7, row(7), TTL);
      expect(await store.mark('k', DELETED_VERSION, TTL)).toBe(true);
      expect(await store.fill('k', epoch, 7, row(7), TTL)).toBe(false);
      expect(await store.fill('k', epoch, 1_000_000, row(1_000_000), TTL)).toBe(false);
    });
  });

  it('refuses a fill made under an epoch that has ended (Redis)', async () => {
    const store = stores[0][1]();
    const epoch = await store.currentEpoch();
    await store.renewEpoch();
    expect(await store.fill('k', epoch, 1, row(1), TTL)).toBe(false);
    const now = await store.currentEpoch();
    expect(now).not.toBe(epoch);
    expect(await store.fill('k', now, 1, row(1), TTL)).toBe(true);
  });
});

describe('RecordCache (real Redis)', () => {
  const prefix = () => `test-${randomBytes(6).toString('hex')}:`;

  it('a reader that loaded version v before a write committed v+1 cannot cache v', async () => {
    const { redis, cache } = await connect(REDIS_URL, prefix());
    try {
      const id = randomUUID();
      let release: (value: Row) => void = () => undefined;
      const slowLoad = new Promise<Row>((resolve) => (release = resolve));
      // A reader misses and starts loading version 1 from the database...
      const reading = cache.read('Task', ORG, id, () => slowLoad);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // ...a writer changes the record to version 2 (its tombstone goes in before its commit)...
      await cache.changed('Task', ORG, id, 2);
      release(row(1));
      expect(await reading).toEqual(row(1));
      // ...and the reader's version 1 never reaches the cache: the next read loads version 2.
      let loads = 0;
      const load = () => Promise.resolve((loads++, row(2)));
      expect(await cache.read('Task', ORG, id, load)).toEqual(row(2));
      expect(await cache.read('Task', ORG, id, load)).toEqual(row(2));
      expect(loads).toBe(1);
      expect(cache.stats.get('Task')).toEqual({ hits: 1, misses: 2, bypassed: 0 });
    } finally {
      await redis.onApplicationShutdown();
    }
  });

  it('keeps entries per organization, and a deleted record is not cached again', async () => {
    const { redis, cache } = await connect(REDIS_URL, prefix());
    try {
      const id = randomUUID();
      await cache.read('Task', ORG, id, () => Promise.resolve(row(1)));
      const other = randomUUID();
      let otherLoads = 0;
      const load = () => Promise.resolve((otherLoads++, { ...row(1), organization_id: other }));
      await cache.read('Task', other, id, load);
      await cache.read('Task', other, id, load);
      expect(otherLoads).toBe(1);
      expect(await cache.read('Task', ORG, id, () => Promise.resolve(null))).toEqual(row(1));
      await cache.changed('Task', ORG, id, 'deleted');
      expect(await cache.read('Task', ORG, id, () => Promise.resolve(row(1)))).toEqual(row(1));
      expect(await cache.read('Task', ORG, id, () => Promise.resolve(null))).toBeNull();
    } finally {
      await redis.onApplicationShutdown();
    }
  });

  it('retires what it cached when a writer could not leave its tombstone, once that writer is back', async () => {
    // The writer reaches Redis through a proxy the test can cut; the reader goes direct.
    const target = new URL(REDIS_URL);
    const sockets = new Set<Socket>();
    let proxy: Server | undefined;
    const listen = async (port = 0) => {
      proxy = createServer((client) => {
        const upstream = new Socket().connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined).on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      proxy.listen(port, '127.0.0.1');
      await once(proxy, 'listening');
      return (proxy.address() as { port: number }).port;
    };
    const port = await listen();
    const keys = prefix();
    const reader = await connect(REDIS_URL, keys);
    const writer = await connect(`redis://127.0.0.1:${port}${target.pathname}`, keys);
    try {
      const id = randomUUID();
      expect(await reader.cache.read('Task', ORG, id, () => Promise.resolve(row(1)))).toEqual(row(1));
      proxy?.close();
      for (const s of sockets) s.destroy();
      await until(() => writer.redis.status === 'down');
      await writer.cache.changed('Task', ORG, id, 2); // no tombstone now...
      await writer.commit(); // ...nor right after the commit
      expect(writer.cache.stats.get('Task')).toBeUndefined();
      expect(await writer.cache.read('Task', ORG, id, () => Promise.resolve(row(2)))).toEqual(row(2));
      expect(writer.cache.stats.get('Task')?.bypassed).toBe(1);
      await listen(port);
      await until(() => writer.redis.status === 'up');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the new epoch goes out on reconnect
      expect(await reader.cache.read('Task', ORG, id, () => Promise.resolve(row(2)))).toEqual(row(2));
      expect(reader.cache.stats.get('Task')).toEqual({ hits: 0, misses: 2, bypassed: 0 });
    } finally {
      await writer.redis.onApplicationShutdown();
      await reader.redis.onApplicationShutdown();
      proxy?.close();
      for (const s of sockets) s.destroy();
    }
  });

  it('answers from the loader, at once, when Redis is unreachable', async () => {
    const { redis, cache } = await connect('redis://127.0.0.1:1', prefix());
    try {
      expect(redis.status).toBe('down');
      const id = randomUUID();
      expect(await cache.read('Task', ORG, id, () => Promise.resolve(row(1)))).toEqual(row(1));
      await cache.changed('Task', ORG, id, 2);
      expect(cache.stats.get('Task')).toEqual({ hits: 0, misses: 0, bypassed: 1 });
    } finally {
      await redis.onApplicationShutdown();
    }
  });
});
