import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, loadConfig } from '@erp/platform';
import { createApp } from '@erp/api/app.factory';
import { prepareData } from '@erp/api/initial-data';
import { createTestDatabase, TestDatabase } from './database';
import { logCaptureFile } from './log-capture';
import { TestHttp } from './http';

export const ADMIN_EMAIL = 'platform-admin@test.local';
export const ADMIN_PASSWORD = 'platform-admin-password';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
/** Limits no ordinary test reaches; the rate limit tests set their own. */
const GENEROUS_RATE_LIMITS = 'anonymous=100000/3600,user=100000/3600,api_key=100000/3600,auth=100000/3600';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestHttp;
  config: AppConfig;
  /** The environment the app was configured from (to start a second instance like it). */
  env: Record<string, string>;
  database: TestDatabase;
  /** Connects as the database owner: for assertions and fixtures that must bypass the API. */
  ownerQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The whole API on a fresh database of its own, with a platform administrator bootstrapped. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const capture = logCaptureFile();
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-0123456789-0123456789-0123456789',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    LOGIN_MAX_FAILURES: '5',
    REDIS_URL: TEST_REDIS_URL,
    // Each app its own keys in the shared Redis: test files run in parallel.
    REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}:`,
    RATE_LIMITS: GENEROUS_RATE_LIMITS,
    ...(capture ? { LOG_CAPTURE_FILE: capture } : {}),
    ...env,
  };
  const config = loadConfig(fullEnv);
  const app = await createApp(config, database.url);
  await prepareData(app, config);
  const owner = new DataSource(dataSourceOptions(database.url, { role: 'owner' }));
  await owner.initialize();
  return {
    app,
    http: new TestHttp(app),
    config,
    env: fullEnv,
    database,
    ownerQuery: <T>(sql: string, params: unknown[] = []) => owner.query<T[]>(sql, params),
    close: async () => {
      await app.close();
      await owner.destroy();
      await database.drop();
    },
  };
}

/**
 * Another API instance on the same database (and Redis key space) as `t`, with `overrides` on top
 * of its environment: two instances behind a balancer, or the same data under other settings.
 */
export async function startSecondInstance(
  t: TestApp,
  overrides: Record<string, string> = {},
): Promise<{ http: TestHttp; close(): Promise<void> }> {
  const app = await createApp(loadConfig({ ...t.env, ...overrides }), t.database.url);
  return { http: new TestHttp(app), close: () => app.close() };
}
