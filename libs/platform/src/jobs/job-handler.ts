import { JobName } from './job-queues';

/**
 * Runs the jobs of one queue in the worker. A provider extending this class, in any module of the
 * worker, is found and registered by the `JobWorker`. A handler that throws fails the attempt:
 * pg-boss retries it with backoff, then moves it to the queue's dead-letter queue. Tenant work
 * must open a `RequestTransaction` scoped to the job's organization.
 */
export abstract class JobHandler<T extends object = object> {
  abstract readonly queue: JobName;
  abstract handle(data: T): Promise<void>;
}
