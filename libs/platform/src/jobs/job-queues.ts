/**
 * Every job queue of the application, with its retry policy and schedule. The migrations step
 * creates them (and their dead-letter queues) as the owner, so the API can enqueue before the
 * worker ever ran; the worker registers the schedules. A queue is added here, and its handler
 * (a `JobHandler` provider) in the context that does the work.
 */
export interface JobQueueDefinition {
  /** Attempts after the first one before the job goes to the dead-letter queue. */
  retryLimit: number;
  /** Seconds before the first retry; doubled on each further retry when `retryBackoff`. */
  retryDelay: number;
  retryBackoff: boolean;
  /** Seconds a job may run before it counts as failed (and is retried). */
  expireInSeconds: number;
  /** Cron expression (UTC) when the queue is fed by a schedule rather than by `enqueue`. */
  cron?: string;
}

export const JOB_QUEUES = {
  /** Deletes expired idempotency records and long-expired or revoked refresh tokens; daily. */
  'maintenance.expire-records': {
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 600,
    cron: '15 3 * * *',
  },
  /** Applies audit retention (`AUDIT_RETENTION_DAYS`); daily. */
  'audit.retention': {
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 1800,
    cron: '30 3 * * *',
  },
  /** Scans every active organization for security findings; daily when `SECURITY_SCAN_DAILY`. */
  'security.scan-all': {
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 3600,
    cron: '0 4 * * *',
  },
  /** Scans one organization (`{ organizationId }`), e.g. after an administrator role was granted. */
  'security.scan': { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
} satisfies Record<string, JobQueueDefinition>;

export type JobName = keyof typeof JOB_QUEUES;

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];

/** Where a job lands after its last failed attempt: `<queue>.dead` (kept 14 days, never retried). */
export const deadLetterQueue = (name: string): string => `${name}.dead`;

/** pg-boss's own schema. */
export const JOB_SCHEMA = 'pgboss';
