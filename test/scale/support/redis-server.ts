import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from '../../support/process';
import { ChildServer } from './child-process';

/**
 * A redis-server of the suite's own on a free port. No snapshots (`--save ""`); with `persistent`
 * an append-only file in its folder keeps the data across a stop and start, as a production Redis
 * would (so entries cached before an outage are there again after it).
 */
export class RedisServer {
  private server?: ChildServer;

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly persistent: boolean,
  ) {}

  static async create(dir: string, persistent = false): Promise<RedisServer> {
    const redis = new RedisServer(dir, await freePort(), persistent);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = ChildServer.start(
      'redis',
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--dir', this.dir],
        ...(this.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
      ],
      join(this.dir, 'redis.log'),
    );
    await waitFor(async () => (await this.command((r) => r.ping())) === 'PONG', 10_000);
  }

  /** SIGKILL: gone at once, as in a crash (an append-only file still has every write). */
  async stop(): Promise<void> {
    await this.server?.stop('SIGKILL');
  }

  /** Keys matching `pattern` (to see that the API writes to it). */
  keys(pattern: string): Promise<string[]> {
    return this.command((r) => r.keys(pattern));
  }

  private async command<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      return await work(redis);
    } finally {
      redis.disconnect();
    }
  }
}
