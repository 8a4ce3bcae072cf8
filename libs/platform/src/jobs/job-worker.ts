import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PgBoss } from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { JobHandler } from './job-handler';
import { JOB_QUEUES, JOB_SCHEMA, JobName } from './job-queues';

export interface JobWorkerOptions {
  /** The owner's database URL: the worker runs jobs of every organization. */
  url: string;
  /** Seconds between polls of an idle queue (tests use less). */
  pollingIntervalSeconds?: number;
}

/**
 * The worker's side of pg-boss: registers every `JobHandler` provider and the schedules of
 * `JOB_QUEUES`, and reports whether it is running. Schedules are idempotent (one per queue).
 */
@Injectable()
export class JobWorker {
  private readonly logger = new Logger('JobWorker');
  private boss?: PgBoss;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  get started(): boolean {
    return this.boss !== undefined;
  }

  /** The queues this worker has a handler for. */
  handlers(): Map<JobName, JobHandler> {
    const found = new Map<JobName, JobHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof JobHandler) found.set(instance.queue, instance as JobHandler<object>);
    }
    return found;
  }

  async start({ url, pollingIntervalSeconds = 2 }: JobWorkerOptions): Promise<void> {
    const boss = new PgBoss({
      connectionString: url,
      schema: JOB_SCHEMA,
      application_name: 'erp-worker',
      max: 4,
      migrate: false,
      createSchema: false,
      instanceName: 'worker',
    });
    boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    this.boss = boss;
    for (const [queue, handler] of this.handlers()) {
      await boss.work<object>(queue, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
        try {
          await handler.handle(job.data);
        } catch (error) {
          this.logger.warn(
            `Job ${queue} ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          throw error;
        }
      });
    }
    for (const [queue, definition] of Object.entries(JOB_QUEUES) as [JobName, { cron?: string }][]) {
      if (definition.cron && this.scheduled(queue)) {
        await boss.schedule(queue, definition.cron, {}, { tz: 'UTC' });
      } else if (definition.cron) await boss.unschedule(queue);
    }
  }

  /** The schedules registered in the database (queue and cron). */
  async schedules(): Promise<{ name: string; cron: string }[]> {
    if (!this.boss) return [];
    return (await this.boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron }));
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (boss) await boss.stop({ graceful: true, timeout: 10_000 });
  }

  private scheduled(queue: JobName): boolean {
    return queue !== 'security.scan-all' || this.config.SECURITY_SCAN_DAILY;
  }
}
