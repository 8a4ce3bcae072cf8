import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import { RequestTransaction } from '../database/request-transaction';
import { RUNTIME_CONNECTION_OPTIONS } from '../database/runtime-role';
import { JOB_SCHEMA, JobName } from './job-queues';

/**
 * Enqueues background jobs in the open request transaction: the job row is inserted by the same
 * transaction as the change that causes it, so a rolled-back request enqueues nothing and a
 * committed one always has its job. The worker (apps/worker) runs them.
 */
/** Provided by the PlatformModule with its database URL. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private producer?: Promise<PgBoss>;

  constructor(
    private readonly transaction: RequestTransaction,
    /** The platform's database URL (the owner's); the producer switches to the runtime role. */
    private readonly url: string,
  ) {}

  /** Returns the job id. Must run inside a request transaction (or `RequestTransaction.run`). */
  async enqueue(name: JobName, data: object, options: { singletonKey?: string } = {}): Promise<string> {
    const manager = this.transaction.manager; // throws outside a transaction, before any I/O
    const boss = await this.boss();
    const db = {
      executeSql: async (text: string, values?: unknown[]) => {
        const rows: unknown = await manager.query(text, values);
        return { rows: Array.isArray(rows) ? (rows as object[]) : [] };
      },
    };
    const id = await boss.send(name, data, { ...options, db });
    if (!id) throw new Error(`Job ${name} was not enqueued`);
    return id;
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await (await producer.catch(() => undefined))?.stop({ graceful: false });
  }

  /** pg-boss reads queue definitions through a small pool of its own, as the runtime role; started on first use. */
  private boss(): Promise<PgBoss> {
    this.producer ??= (async () => {
      const boss = new PgBoss({
        connectionString: this.url,
        options: RUNTIME_CONNECTION_OPTIONS,
        application_name: 'erp-api-jobs',
        schema: JOB_SCHEMA,
        max: 2,
        migrate: false,
        createSchema: false,
        supervise: false,
        schedule: false,
        registerInstance: false,
      });
      boss.on('error', () => undefined); // enqueue() rejects on its own errors
      return boss.start();
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }
}
