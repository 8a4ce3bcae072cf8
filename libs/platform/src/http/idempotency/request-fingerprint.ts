import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so two bodies that differ only in key order are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
}

/**
 * What makes two requests "the same" for an `Idempotency-Key`: method, path with query, and body.
 * The same key on another route, or with another body, is a different request (IDEM001).
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), url, canonical(body ?? null)]))
    .digest('hex');
}
