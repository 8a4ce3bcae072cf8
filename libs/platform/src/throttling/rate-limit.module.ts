import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { RedisConnection } from '../redis/redis-connection';
import { rateLimitSubject } from './rate-limit.guard';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';

const tierOf = (context: ExecutionContext, config: AppConfig) =>
  config.RATE_LIMITS[rateLimitSubject(context.switchToHttp().getRequest<FastifyRequest>()).kind];

/**
 * The throttler, configured from `RATE_LIMITS`: one counter per caller across all routes (not one
 * per route), in Redis when `REDIS_URL` is set, else in this instance's memory.
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig, RedisConnection],
  useFactory: (config: AppConfig, redis: RedisConnection) => ({
    throttlers: [
      {
        limit: (context: ExecutionContext) => tierOf(context, config).limit,
        ttl: (context: ExecutionContext) => tierOf(context, config).windowSeconds * 1000,
        blockDuration: config.RATE_LIMIT_BLOCK_SECONDS * 1000,
      },
    ],
    skipIf: () => !config.RATE_LIMIT_ENABLED,
    getTracker: (request: Record<string, unknown>) =>
      rateLimitSubject(request as unknown as FastifyRequest).tracker,
    generateKey: (_context: ExecutionContext, tracker: string) => `${config.REDIS_KEY_PREFIX}rl:${tracker}`,
    storage: new ResilientThrottlerStorage(
      redis.client ? new ThrottlerStorageRedisService(redis.client) : null,
      (message) => redis.warn(message),
    ),
  }),
});
