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

export interface TestApp {
  app: NestFastifyApplication;
  http: TestHttp;
  config: AppConfig;
  database: TestDatabase;
  /** Connects as the database owner: for assertions and fixtures that must bypass the API. */
  ownerQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The whole API on a fresh database of its own, with a platform administrator bootstrapped. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const capture = logCaptureFile();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-0123456789-0123456789-0123456789',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    LOGIN_MAX_FAILURES: '5',
    ...(capture ? { LOG_CAPTURE_FILE: capture } : {}),
    ...env,
  });
  const app = await createApp(config, database.url);
  await prepareData(app, config);
  const owner = new DataSource(dataSourceOptions(database.url, { role: 'owner' }));
  await owner.initialize();
  return {
    app,
    http: new TestHttp(app),
    config,
    database,
    ownerQuery: <T>(sql: string, params: unknown[] = []) => owner.query<T[]>(sql, params),
    close: async () => {
      await app.close();
      await owner.destroy();
      await database.drop();
    },
  };
}
