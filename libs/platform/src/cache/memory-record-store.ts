import type { RecordStore, Slot } from './record-store';

/** Slots kept at most; the oldest written go first. */
const MAX_SLOTS = 10_000;
const EPOCH = 'memory';

/**
 * Slots in this process's memory (no `REDIS_URL`: one instance). Every operation is synchronous
 * inside, so each compare-and-set is atomic; there is no outage to survive, hence one fixed epoch.
 */
export class MemoryRecordStore implements RecordStore {
  private readonly slots = new Map<string, { slot: Slot; expiresAt: number }>();

  read(key: string): Promise<{ epoch: string | null; slot: Slot | null }> {
    return Promise.resolve({ epoch: EPOCH, slot: this.current(key) });
  }

  fill(key: string, epoch: string, version: number, data: unknown, ttlMs: number): Promise<boolean> {
    const current = this.current(key);
    if (epoch !== EPOCH || (current && current.version > version)) return Promise.resolve(false);
    this.put(key, { version, epoch, data: Object.freeze(data) }, ttlMs);
    return Promise.resolve(true);
  }

  mark(key: string, version: number, ttlMs: number): Promise<boolean> {
    const current = this.current(key);
    if (current && current.version > version) return Promise.resolve(false);
    this.put(key, { version, epoch: null }, ttlMs);
    return Promise.resolve(true);
  }

  currentEpoch(): Promise<string> {
    return Promise.resolve(EPOCH);
  }

  renewEpoch(): Promise<void> {
    return Promise.resolve();
  }

  private current(key: string): Slot | null {
    const found = this.slots.get(key);
    if (!found) return null;
    if (found.expiresAt > Date.now()) return found.slot;
    this.slots.delete(key);
    return null;
  }

  private put(key: string, slot: Slot, ttlMs: number): void {
    this.slots.delete(key);
    this.slots.set(key, { slot, expiresAt: Date.now() + ttlMs });
    if (this.slots.size > MAX_SLOTS) this.slots.delete(this.slots.keys().next().value as string);
  }
}
