/**
 * One slot of the record cache: the record at `version` (`data`), or a tombstone (`data`
 * undefined) saying "a change to `version` was made" (a deleted record's tombstone carries
 * DELETED_VERSION, above any real version).
 */
export interface Slot {
  version: number;
  /** The epoch the data was filled under; a hit needs it to equal the current epoch. */
  epoch: string | null;
  data?: unknown;
}

/** Above any value of a version column (PostgreSQL integer), exactly representable everywhere. */
export const DELETED_VERSION = Number.MAX_SAFE_INTEGER;

/**
 * Where the record cache keeps its slots. `fill` and `mark` are compare-and-set operations, each
 * atomic: a slot never goes back to an older version than it holds.
 */
export interface RecordStore {
  /** The slot under `key` and the current epoch, in one round trip. */
  read(key: string): Promise<{ epoch: string | null; slot: Slot | null }>;
  /** Stores `data` at `version` unless the slot holds a newer version or the epoch moved on. */
  fill(key: string, epoch: string, version: number, data: unknown, ttlMs: number): Promise<boolean>;
  /** Leaves a tombstone at `version` unless the slot already holds a newer version. */
  mark(key: string, version: number, ttlMs: number): Promise<boolean>;
  /** The current epoch, starting one if there is none. */
  currentEpoch(): Promise<string>;
  /** Starts a new epoch: every entry filled before it stops counting. */
  renewEpoch(): Promise<void>;
}
