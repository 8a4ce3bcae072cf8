import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@erp/platform';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../support/app';
import { waitFor } from '../../support/process';
import { AppProcess } from './app-process';
import { FetchHttp } from './fetch-http';
import { Haproxy } from './haproxy';
import { PostgresCluster } from './postgres-cluster';
import { RedisServer } from './redis-server';

/** Limits no test reaches, unless a test sets its own tier. */
const GENEROUS_RATE_LIMITS = 'anonymous=100000/3600,user=100000/3600,api_key=100000/3600,auth=100000/3600';
const DATABASE = 'erp';

/**
 * Two API instances and the worker on a PostgreSQL and a Redis of their own, behind haproxy, all
 * on loopback: what `npm run test:scale` runs against.
 */
export class ScaleStack {
  /** Through haproxy (round robin). */
  readonly proxy: FetchHttp;
  /** Straight to instance a and instance b. */
  readonly a: FetchHttp;
  readonly b: FetchHttp;

  private constructor(
    private readonly dir: string,
    readonly postgres: PostgresCluster,
    readonly redis: RedisServer,
    readonly apis: [AppProcess, AppProcess],
    readonly worker: AppProcess,
    readonly haproxy: Haproxy,
  ) {
    this.proxy = new FetchHttp(haproxy.base);
    this.a = new FetchHttp(apis[0].base);
    this.b = new FetchHttp(apis[1].base);
  }

  /**
   * Starts everything; `env` goes on top of the API instances' configuration; `persistentRedis`
   * keeps Redis's data across a restart (see RedisServer).
   */
  static async start(
    env: Record<string, string> = {},
    { persistentRedis = false }: { persistentRedis?: boolean } = {},
  ): Promise<ScaleStack> {
    const dir = mkdtempSync(join(tmpdir(), 'erp-scale-'));
    chmodSync(dir, 0o755); // PostgreSQL may run as another user (see PostgresCluster)
    const started: { stop(): Promise<void> }[] = [];
    try {
      const postgres = await PostgresCluster.create(join(dir, 'pg'));
      started.push(postgres);
      const redis = await RedisServer.create(dir, persistentRedis);
      started.push(redis);
      await postgres.query('postgres', `create database ${DATABASE}`);
      await runMigrations(postgres.url(DATABASE));
      const common = {
        NODE_ENV: 'production',
        DATABASE_URL: postgres.url(DATABASE),
        REDIS_URL: redis.url,
        DB_MIGRATE_ON_START: 'false',
        JWT_SECRET: 'scale-test-secret-0123456789-0123456789-0123456789',
        LOG_LEVEL: 'warn',
      };
      const apiEnv = {
        ...common,
        BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMITS: GENEROUS_RATE_LIMITS,
        SHUTDOWN_DRAIN_SECONDS: '0',
        ...env,
      };
      // One first, so that only one of them creates the platform administrator.
      const a = await AppProcess.start('api-a', 'api', apiEnv, dir);
      started.push(a);
      const [b, worker] = await Promise.all([
        AppProcess.start('api-b', 'api', apiEnv, dir).then((p) => (started.push(p), p)),
        AppProcess.start('worker', 'worker', common, dir).then((p) => (started.push(p), p)),
      ]);
      const haproxy = await Haproxy.start(dir, [
        { name: 'a', port: a.port },
        { name: 'b', port: b.port },
      ]);
      const stack = new ScaleStack(dir, postgres, redis, [a, b], worker, haproxy);
      await stack.balanced();
      return stack;
    } catch (error) {
      await Promise.allSettled(started.reverse().map((s) => s.stop()));
      if (!process.env.SCALE_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs SQL as the database owner (bypassing the API), for assertions. */
  ownerQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.postgres.query<T>(DATABASE, sql, params);
  }

  /** Restarts both API instances with `overrides` on top of their environment. */
  async restartApis(overrides: Record<string, string>): Promise<void> {
    await Promise.all(this.apis.map((api) => api.stop()));
    await Promise.all(this.apis.map((api) => api.start(overrides)));
    await this.balanced();
  }

  /** Waits until haproxy sends requests to both instances again (its health checks passed). */
  async balanced(): Promise<void> {
    await waitFor(async () => {
      const served = new Set<string>();
      for (let i = 0; i < 4; i++)
        served.add((await this.proxy.get('/health/live')).headers['x-served-by'] as string);
      return served.size === 2;
    }, 20_000);
  }

  /** What every process printed last, for a failure message. */
  logs(): string {
    return [...this.apis, this.worker].map((p) => `--- ${p.name}\n${p.tail(20)}`).join('\n');
  }

  /** Stops everything (process groups) and removes the temporary folder, whatever state it is in. */
  async dispose(): Promise<void> {
    await this.haproxy.stop().catch(() => undefined);
    await Promise.allSettled([...this.apis, this.worker].map((p) => p.kill()));
    await Promise.allSettled([this.redis.stop(), this.postgres.stop()]);
    if (!process.env.SCALE_KEEP_DIR) rmSync(this.dir, { recursive: true, force: true });
  }
}
