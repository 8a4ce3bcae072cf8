import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Whether a limit guards authentication (it must hold even when the shared store is away). */
export const isAuthenticationKey = (key: string): boolean => key.includes(':rl:auth:');

/**
 * The shared (Redis) counters, with what to do when they cannot be reached: general limits fail
 * open (the request passes, a warning and a counter record it), authentication limits fall back
 * to this instance's memory, so password guessing stays limited during an outage.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly memory = new ThrottlerStorageService();
  /** Requests let through or counted locally because the shared store failed (a metric). */
  failures = 0;

  constructor(
    private readonly shared: ThrottlerStorage | null,
    private readonly warn: (message: string) => void,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (!this.shared) return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.failures += 1;
      this.warn(`rate limit store unavailable (${(error as Error).message}); general limits open`);
      if (isAuthenticationKey(key))
        return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
