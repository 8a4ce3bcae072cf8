import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RecordStore, Slot } from './record-store';

/**
 * A slot is one string: `<version>|` (tombstone) or `<version>|<epoch>|<json>` (data), so the
 * scripts compare versions without decoding JSON. Epochs are UUIDs (no `|`).
 */
const VERSION_OF = `local function version_of(slot) return tonumber(string.match(slot, '^%d+')) end`;

/** An epoch ends by itself after a day (entries then simply miss once), so no key outlives its use. */
const EPOCH_TTL_MS = 86_400_000;

/** KEYS: slot, epoch. ARGV: version, epoch seen before loading, value, ttl ms. */
const FILL = `${VERSION_OF}
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
local current = redis.call('GET', KEYS[1])
if current and version_of(current) > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
return 1`;

/** KEYS: slot. ARGV: version, ttl ms. */
const MARK = `${VERSION_OF}
local current = redis.call('GET', KEYS[1])
if current and version_of(current) > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1] .. '|', 'PX', ARGV[2])
return 1`;

function parse(value: string): Slot {
  const first = value.indexOf('|');
  const version = Number(value.slice(0, first));
  const second = value.indexOf('|', first + 1);
  if (second < 0) return { version, epoch: null };
  return {
    version,
    epoch: value.slice(first + 1, second),
    data: JSON.parse(value.slice(second + 1)) as unknown,
  };
}

/** Slots in the shared Redis, through the process's one ioredis connection; atomic by Lua scripts. */
export class RedisRecordStore implements RecordStore {
  private readonly epochKey: string;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    this.epochKey = `${prefix}record-epoch`;
  }

  async read(key: string): Promise<{ epoch: string | null; slot: Slot | null }> {
    const [epoch, value] = await this.client.mget(this.epochKey, this.prefix + key);
    return { epoch, slot: value ? parse(value) : null };
  }

  async fill(key: string, epoch: string, version: number, data: unknown, ttlMs: number): Promise<boolean> {
    const value = `${version}|${epoch}|${JSON.stringify(data)}`;
    return (
      (await this.script(FILL, [this.prefix + key, this.epochKey], [version, epoch, value, ttlMs])) === 1
    );
  }

  async mark(key: string, version: number, ttlMs: number): Promise<boolean> {
    return (await this.script(MARK, [this.prefix + key], [version, ttlMs])) === 1;
  }

  async currentEpoch(): Promise<string> {
    await this.client.set(this.epochKey, randomUUID(), 'PX', EPOCH_TTL_MS, 'NX');
    return (await this.client.get(this.epochKey)) ?? randomUUID(); // evicted meanwhile: fills will be refused
  }

  async renewEpoch(): Promise<void> {
    await this.client.set(this.epochKey, randomUUID(), 'PX', EPOCH_TTL_MS);
  }

  /** EVALSHA, loading the script on first use (or after Redis lost it). */
  private async script(source: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const sha = SHAS.get(source) ?? createHash('sha1').update(source).digest('hex');
    SHAS.set(source, sha);
    try {
      return await this.client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error as Error).message.includes('NOSCRIPT')) throw error;
      return this.client.eval(source, keys.length, ...keys, ...args);
    }
  }
}

const SHAS = new Map<string, string>();
