import KeyvRedis from '@keyv/redis';
import { CacheModule, CacheModuleOptions } from '@nestjs/cache-manager';
import { Keyv } from 'keyv';
import { AppConfig } from '../config/app-config';

/** Each Redis command waits at most this long; nothing queues while Redis is away. */
const COMMAND_TIMEOUT_MS = 300;

/**
 * The shared cache: Redis through `@keyv/redis` when `REDIS_URL` is set (all instances see the
 * same entries), else this instance's memory. Redis errors never reach a caller: a read that fails
 * is a miss and the answer comes from the database; commands fail fast instead of queueing.
 */
export const SharedCacheModule = CacheModule.registerAsync({
  isGlobal: true,
  inject: [AppConfig],
  useFactory: (config: AppConfig): CacheModuleOptions => ({
    // keyv's CommonJS and ESM type declarations differ; at run time it is one class.
    stores: [
      config.REDIS_URL
        ? new Keyv({
            store: new KeyvRedis(
              {
                url: config.REDIS_URL,
                disableOfflineQueue: true,
                socket: {
                  connectTimeout: 1000,
                  reconnectStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
                },
              },
              { throwOnConnectError: false, throwOnErrors: false, connectionTimeout: COMMAND_TIMEOUT_MS },
            ),
            namespace: `${config.REDIS_KEY_PREFIX}cache`,
            throwOnErrors: false,
          })
        : new Keyv(),
    ] as unknown as CacheModuleOptions['stores'],
  }),
});
