import './tracing-bootstrap';
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import {
  configureLogging,
  JobWorker,
  loadConfigFromProcess,
  resolveDatabase,
  runMigrations,
} from '@erp/platform';
import { stopTracing } from '@erp/platform/observability/tracing';
import { WorkerModule } from './worker.module';
import { startWorkerHealth } from './worker-health';

/** The job worker: runs the queued jobs and the schedules (pg-boss), with a small health endpoint. */
async function main(): Promise<void> {
  const logger = new Logger('Worker');
  const config = loadConfigFromProcess();
  // JSON lines (nestjs-pino, like the API) from the first one, before the app exists.
  Logger.overrideLogger(configureLogging(config));
  const database = await resolveDatabase(config);
  if (config.DB_MIGRATE_ON_START) await runMigrations(database.url);
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, databaseUrl: database.url }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoNestLogger));
  const worker = app.get(JobWorker);
  await worker.start({ url: database.url });
  const health = await startWorkerHealth(
    config.WORKER_PORT,
    worker,
    app.get<DataSource>(getDataSourceToken()),
  );
  const port = (health.address() as AddressInfo).port;
  logger.log(
    `Worker running ${[...worker.handlers().keys()].join(', ')}; health on http://localhost:${port}/health/ready`,
  );
  const stop = async () => {
    logger.log('Shutting down: finishing running jobs');
    await worker.stop();
    health.close();
    await app.close();
    await database.stop();
    await stopTracing();
    logger.log('Stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  new Logger('Worker').fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
