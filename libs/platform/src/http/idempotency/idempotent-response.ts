import { Created, Versioned } from '../api-response';

/** A handler's result as stored for replay: JSON, with the kind of answer it was. */
export type StoredResponse =
  | { kind: 'empty' }
  | { kind: 'plain'; body: unknown }
  | { kind: 'created'; body: unknown; location: string }
  | { kind: 'versioned'; body: unknown; etag: string };

/** A handler's result (before the envelope) to what is stored. */
export function toStoredResponse(result: unknown): StoredResponse {
  if (result === undefined) return { kind: 'empty' };
  if (result instanceof Created) {
    const { body, location } = result as Created<unknown>;
    return { kind: 'created', body: toJson(body), location };
  }
  if (result instanceof Versioned) {
    const { body, etag } = result as Versioned<unknown>;
    return { kind: 'versioned', body: toJson(body), etag };
  }
  return { kind: 'plain', body: toJson(result) };
}

/** What is stored back to a handler result, so the envelope answers a replay as it did the first time. */
export function fromStoredResponse(stored: StoredResponse): unknown {
  switch (stored.kind) {
    case 'empty':
      return undefined;
    case 'created':
      return new Created(stored.body, stored.location);
    case 'versioned':
      return new Versioned(stored.body, stored.etag);
    case 'plain':
      return stored.body;
  }
}

/** The body as the wire would carry it (dates as ISO strings), so a replay is byte-for-byte the same data. */
const toJson = (body: unknown): unknown => JSON.parse(JSON.stringify(body)) as unknown;
