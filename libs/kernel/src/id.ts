import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new random (v4) identifier. Ids are never sequential. */
export const newId = (): string => randomUUID();

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
