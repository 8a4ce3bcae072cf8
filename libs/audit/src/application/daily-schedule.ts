import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Runs a job some time after start and then daily, in process (the timers never keep the process
 * alive; a failed run is logged and the schedule goes on). Meant to move to the job worker.
 */
export abstract class DailySchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  protected readonly logger: Logger;

  /** `name`: the log context, e.g. `AuditRetention`. */
  protected constructor(
    private readonly name: string,
    private readonly firstRunMs: number,
  ) {
    this.logger = new Logger(name);
  }

  /** Whether to schedule at all (never in tests, which run the job on demand). */
  protected abstract enabled(): boolean;
  /** The job; it logs what it did. */
  protected abstract run(): Promise<void>;

  onApplicationBootstrap(): void {
    if (this.enabled()) this.schedule(this.firstRunMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs once now; the next run is a day later. */
  async runNow(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.logger.error(`${this.name} failed`, error instanceof Error ? error.stack : String(error));
    }
  }

  schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.runNow().finally(() => {
        if (this.timer) this.schedule(DAY_MS);
      });
    }, delayMs);
    this.timer.unref();
  }
}
