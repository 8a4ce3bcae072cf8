import { randomUUID } from 'node:crypto';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { ClsService } from 'nestjs-cls';
import { RequestTransaction } from '../database/request-transaction';
import { RedisConnection } from '../redis/redis-connection';

/** The cache scope of account statuses (active, platform administrator): not an organization. */
export const ACCOUNTS_SCOPE = 'accounts';

/** How long an entry may live at most (it is invalidated at once on any change; this bounds a missed invalidation). */
export const ACCESS_CACHE_TTL_MS = 60_000;

interface Entry<T> {
  epoch: string;
  generation: string;
  value: T;
}

/** What one read of Redis returned for a (scope, user): the current tokens and the entry, if any. */
type Fetched = [epoch: string | undefined, generation: string | undefined, entry: Entry<unknown> | undefined];

/** The request's prefetched entries (CLS), by entry key; each is used once. */
const PREFETCHED = 'access.prefetched';

/**
 * The inputs of the authorization decision per (user, organization), shared by all instances.
 * Each organization has a generation token; an entry counts only while it carries the current
 * one. A change to roles, grants, memberships, departments or policies replaces the generation
 * after its transaction commits, so every entry of that organization dies at once on every
 * instance. A reader that loaded the old state before the commit stores it under the old
 * generation, where nobody will use it: no stale decision survives a committed change.
 *
 * While Redis is away the cache is bypassed (answers come from the database, nothing waits on
 * Redis), and invalidations made then are lost; so each time an instance (re)connects it starts a
 * new epoch, which retires every entry made before.
 */
@Injectable()
export class AccessCache implements OnModuleInit {
  private readonly logger = new Logger('AccessCache');
  readonly stats = { hits: 0, misses: 0, bypassed: 0 };

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly transaction: RequestTransaction,
    private readonly redis: RedisConnection,
    private readonly cls?: ClsService,
  ) {}

  onModuleInit(): void {
    this.redis.client?.on('ready', () => void this.newToken(EPOCH_KEY));
  }

  /** The cached value for (organization, user), or `load()`'s, remembered under the current generation. */
  async read<T>(organizationId: string, userId: string, load: () => Promise<T>): Promise<T> {
    if (this.redis.status === 'down') {
      this.stats.bypassed += 1;
      return load();
    }
    const keys = [EPOCH_KEY, generationKey(organizationId), entryKey(organizationId, userId)];
    const [epoch, generation, entry] = (this.takePrefetched(keys[2]) ??
      (await this.cache.mget(keys).catch(() => []))) as [
      string | undefined,
      string | undefined,
      Entry<T> | undefined,
    ];
    if (entry && entry.epoch === epoch && entry.generation === generation) {
      this.stats.hits += 1;
      return entry.value;
    }
    this.stats.misses += 1;
    // Never tag an entry with "no token": if one was evicted, start a new one, so entries made
    // before the eviction cannot become current again.
    const fresh = {
      epoch: epoch ?? (await this.newToken(EPOCH_KEY)),
      generation: generation ?? (await this.newToken(generationKey(organizationId))),
    };
    const value = await load();
    await this.cache
      .set(keys[2], { ...fresh, value } satisfies Entry<T>, ACCESS_CACHE_TTL_MS)
      .catch(() => undefined);
    return value;
  }

  /**
   * Reads the user's entries of several scopes (say the account and one organization) in one
   * round trip, for the `read` calls that follow in this request: each finds its part there
   * instead of asking Redis again. Without a request context or Redis, it does nothing.
   */
  async prefetch(userId: string, scopes: string[]): Promise<void> {
    if (this.redis.status === 'down' || !this.cls?.isActive() || scopes.length === 0) return;
    const keys = [EPOCH_KEY, ...scopes.flatMap((scope) => [generationKey(scope), entryKey(scope, userId)])];
    const values = await this.cache.mget<unknown>(keys).catch(() => undefined);
    if (!values) return;
    const fetched = new Map<string, Fetched>(
      scopes.map((_, i) => [keys[2 + 2 * i], [values[0], values[1 + 2 * i], values[2 + 2 * i]] as Fetched]),
    );
    this.cls.set(PREFETCHED, fetched);
  }

  private takePrefetched(key: string): Fetched | undefined {
    if (!this.cls?.isActive()) return undefined;
    const fetched = this.cls.get<Map<string, Fetched> | undefined>(PREFETCHED);
    const found = fetched?.get(key);
    fetched?.delete(key);
    return found;
  }

  /** Invalidates the organization's entries once the current request transaction commits. */
  invalidateAfterCommit(organizationId: string): void {
    this.transaction.afterCommit(async () => {
      await this.invalidate(organizationId);
    });
  }

  /** Starts a new generation for the organization. */
  async invalidate(organizationId: string): Promise<void> {
    await this.newToken(generationKey(organizationId));
  }

  private async newToken(key: string): Promise<string> {
    const token = randomUUID();
    if (this.redis.status === 'down') return token;
    try {
      await this.cache.set(key, token);
    } catch (error) {
      this.logger.warn(`could not renew ${key}: ${(error as Error).message}`);
    }
    return token;
  }

  get hitRate(): number {
    const total = this.stats.hits + this.stats.misses;
    return total === 0 ? 0 : this.stats.hits / total;
  }
}

const EPOCH_KEY = 'access:epoch';
const generationKey = (organizationId: string) => `access:${organizationId}:generation`;
const entryKey = (organizationId: string, userId: string) => `access:${organizationId}:${userId}`;
