import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';

const CONNECT_WAIT_MS = 2000;
const WARN_EVERY_MS = 30_000;

/**
 * The one Redis connection of the process (`REDIS_URL`; none when unset). Commands never queue
 * while Redis is away (`enableOfflineQueue: false`) and time out quickly, so a Redis outage costs
 * a request a bounded few milliseconds and its callers fall back; the client keeps reconnecting.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private lastWarning = 0;
  readonly client: Redis | null;

  constructor(config: AppConfig) {
    this.client = config.REDIS_URL
      ? new Redis(config.REDIS_URL, {
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: 300,
          connectTimeout: CONNECT_WAIT_MS,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        })
      : null;
    this.client?.on('error', (error: Error) => this.warn(`unavailable: ${error.message}`));
  }

  /** `up`, `down`, or `none` when no Redis is configured (in-memory stores). */
  get status(): 'up' | 'down' | 'none' {
    if (!this.client) return 'none';
    return this.client.status === 'ready' ? 'up' : 'down';
  }

  /** Logs a Redis problem at most every 30 seconds (an outage would otherwise flood the log). */
  warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(message);
  }

  async onModuleInit(): Promise<void> {
    if (!this.client) return;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref());
    await Promise.race([this.client.connect().catch(() => undefined), timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    await this.client.quit().catch(() => this.client?.disconnect());
  }
}
