import { PgBoss } from 'pg-boss';
import { RUNTIME_ROLE } from '../database/runtime-role';
import { deadLetterQueue, JOB_QUEUES, JOB_SCHEMA, JobQueueDefinition } from './job-queues';

/**
 * What the runtime role may do in pg-boss's schema: enough to enqueue, nothing more. pg-boss's
 * `send` reads the queue definitions and the schema version through its own pool, and inserts
 * into `job_common` (the table standard queues share) through the executor it is given, here the
 * request's transaction, `returning id`. Reading, fetching, completing or deleting jobs stays
 * with the owner (the worker).
 */
export const JOB_GRANTS = [
  `grant usage on schema ${JOB_SCHEMA} to ${RUNTIME_ROLE}`,
  `grant select on ${JOB_SCHEMA}.queue, ${JOB_SCHEMA}.version to ${RUNTIME_ROLE}`,
  `grant insert, select (id) on ${JOB_SCHEMA}.job_common to ${RUNTIME_ROLE}`,
];

const queueOptions = (q: JobQueueDefinition) => ({
  retryLimit: q.retryLimit,
  retryDelay: q.retryDelay,
  retryBackoff: q.retryBackoff,
  expireInSeconds: q.expireInSeconds,
});

/**
 * Creates or upgrades pg-boss's schema as the owner (pg-boss runs its own versioned migrations),
 * creates or updates every queue of `JOB_QUEUES` with its dead-letter queue, and grants the
 * runtime role what enqueueing needs. Idempotent; run where the migrations run.
 */
export async function prepareJobSchema(url: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: url,
    schema: JOB_SCHEMA,
    max: 1,
    application_name: 'erp-migrator',
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  boss.on('error', () => undefined); // start() and the calls below reject on their own errors
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const [name, definition] of Object.entries(JOB_QUEUES)) {
      const dead = deadLetterQueue(name);
      if (!existing.has(dead)) await boss.createQueue(dead, { retryLimit: 0 });
      const options = { ...queueOptions(definition), deadLetter: dead };
      if (existing.has(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
    const db = boss.getDb();
    for (const sql of JOB_GRANTS) await db.executeSql(sql);
  } finally {
    await boss.stop({ graceful: false });
  }
}
