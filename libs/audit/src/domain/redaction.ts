export const REDACTED = '[REDACTED]';

/** Field names whose values never reach the audit trail: passwords, hashes, tokens, keys, secrets. */
export function isSecretField(name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    /password|passphrase|secret|token|credential|privatekey|apikey|authorization|cookie/.test(key) ||
    key.endsWith('hash') ||
    key === 'key'
  );
}

/** A copy of `value` with every secret field's value replaced by `[REDACTED]`, at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, isSecretField(key) ? REDACTED : redact(v)]),
  );
}

export interface ChangeSet {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * What an audit row keeps of a change, secrets redacted: the whole record when created
 * (`before` null) or deleted (`after` null), otherwise only the fields whose values differ.
 */
export function changeSet(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): ChangeSet {
  const safeBefore = before && (redact(before) as Record<string, unknown>);
  const safeAfter = after && (redact(after) as Record<string, unknown>);
  if (!safeBefore || !safeAfter) return { before: safeBefore, after: safeAfter };
  const keys = [...new Set([...Object.keys(safeBefore), ...Object.keys(safeAfter)])].filter(
    (key) => JSON.stringify(safeBefore[key]) !== JSON.stringify(safeAfter[key]),
  );
  return {
    before: Object.fromEntries(keys.filter((k) => k in safeBefore).map((k) => [k, safeBefore[k]])),
    after: Object.fromEntries(keys.filter((k) => k in safeAfter).map((k) => [k, safeAfter[k]])),
  };
}
