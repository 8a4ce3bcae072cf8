import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RequestTransaction } from '../database/request-transaction';
import { RedisConnection } from '../redis/redis-connection';
import { MemoryRecordStore } from './memory-record-store';
import { DELETED_VERSION, RecordStore } from './record-store';
import { RedisRecordStore } from './redis-record-store';

/** How long a slot lives at most; this also bounds how long a lost invalidation could matter. */
export const RECORD_CACHE_TTL_MS = 60_000;

/** What the cache keeps of a record: its row data, with the organization and version it belongs to. */
export interface CachedRecord {
  organization_id: string;
  version: number;
}

export interface RecordCacheStats {
  hits: number;
  misses: number;
  bypassed: number;
}

/**
 * Read-through cache of single records (row data, never a response shaped for one caller), shared
 * by all instances: slots are per (type, organization, id), so a record is only ever found under
 * the organization of the request that loaded it, and the caller's authorization runs on every hit.
 *
 * No stale read after an acknowledged write: every write leaves a tombstone carrying the new
 * version (deleting: a version above any) before its transaction commits, and a reader may only
 * fill a slot with a version at least as new as the one it holds (an atomic compare-and-set), so
 * a reader that loaded the old row can never put it back. If the tombstone cannot be written
 * before the commit it is retried right after; if that fails too the instance starts a new epoch
 * as soon as Redis answers again, which retires every entry filled before (each carries the epoch
 * it was filled under, and a hit needs the current one). Each instance also starts a new epoch
 * when it (re)connects, since writes made while it could not reach Redis left no tombstones.
 * While Redis is away the cache is bypassed: answers come from the database, nothing waits on Redis.
 */
@Injectable()
export class RecordCache implements OnModuleInit {
  private readonly store: RecordStore;
  private readonly counts = new Map<string, RecordCacheStats>();
  private epochOwed = false;

  constructor(
    config: AppConfig,
    private readonly redis: RedisConnection,
    private readonly transaction: RequestTransaction,
  ) {
    this.store = redis.client
      ? new RedisRecordStore(redis.client, config.REDIS_KEY_PREFIX)
      : new MemoryRecordStore();
  }

  onModuleInit(): void {
    this.redis.client?.on('ready', () => {
      this.epochOwed = true;
      void this.settleEpoch();
    });
  }

  /**
   * The record of `type` with `id` in the organization: from the cache when it holds the current
   * version, else `load()`'s (run in the request transaction, under row-level security), which is
   * then offered to the cache. A missing record is not remembered.
   */
  async read<T extends CachedRecord>(
    type: string,
    organizationId: string,
    id: string,
    load: () => Promise<T | null>,
  ): Promise<T | null> {
    const stats = this.statsOf(type);
    await this.settleEpoch();
    // Redis away, or entries of an epoch that should have ended: the database answers.
    if (this.redis.status === 'down' || this.epochOwed) {
      stats.bypassed += 1;
      return load();
    }
    const key = slotKey(type, organizationId, id);
    let epoch: string;
    try {
      const { epoch: current, slot } = await this.store.read(key);
      const data = slot?.data as T | undefined;
      if (data && current !== null && slot?.epoch === current && data.organization_id === organizationId) {
        stats.hits += 1;
        return data;
      }
      // The epoch is read before loading: should it move on meanwhile, the fill is refused.
      epoch = current ?? (await this.store.currentEpoch());
    } catch (error) {
      this.redis.warn(`record cache unavailable: ${(error as Error).message}`);
      stats.bypassed += 1;
      return load();
    }
    stats.misses += 1;
    const record = await load();
    if (record && record.organization_id === organizationId)
      await this.store.fill(key, epoch, record.version, record, RECORD_CACHE_TTL_MS).catch(() => false);
    return record;
  }

  /**
   * Records a change of a record, now at `version` (or deleted), made in the open request
   * transaction; call it before the transaction commits.
   */
  async changed(
    type: string,
    organizationId: string,
    id: string,
    version: number | 'deleted',
  ): Promise<void> {
    const key = slotKey(type, organizationId, id);
    const marked = version === 'deleted' ? DELETED_VERSION : version;
    if (await this.mark(key, marked)) return;
    this.transaction.afterCommit(async () => {
      if (await this.mark(key, marked)) return;
      this.redis.warn(`no tombstone for ${type} ${id}: cached records are retired when Redis answers`);
      this.epochOwed = true;
      await this.settleEpoch();
    });
  }

  /** Lookups per record type since start. */
  get stats(): ReadonlyMap<string, Readonly<RecordCacheStats>> {
    return this.counts;
  }

  private async mark(key: string, version: number): Promise<boolean> {
    if (this.redis.status === 'down') return false;
    return this.store.mark(key, version, RECORD_CACHE_TTL_MS).catch(() => false);
  }

  /** Starts the owed new epoch, if one is owed and Redis answers; never throws. */
  private async settleEpoch(): Promise<void> {
    if (!this.epochOwed || this.redis.status === 'down') return;
    try {
      await this.store.renewEpoch();
      this.epochOwed = false;
    } catch (error) {
      this.redis.warn(`could not start a new record cache epoch: ${(error as Error).message}`);
    }
  }

  private statsOf(type: string): RecordCacheStats {
    let stats = this.counts.get(type);
    if (!stats) this.counts.set(type, (stats = { hits: 0, misses: 0, bypassed: 0 }));
    return stats;
  }
}

const slotKey = (type: string, organizationId: string, id: string) =>
  `record:${type}:${organizationId}:${id}`;
