/**
 * The canonical serialization the audit hashes are computed over: JSON with object keys sorted
 * (by UTF-16 code units) at every level, no whitespace, `undefined` members left out as JSON does.
 * Values must already be plain JSON (see `toPlainJson`), so a row read back from the database
 * serializes to exactly the same text as when it was written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * Plain JSON of a value as PostgreSQL `jsonb` keeps it: dates become ISO strings, NUL characters
 * (which `jsonb` and `text` refuse) are dropped, non-finite numbers become null.
 */
const NUL = String.fromCharCode(0);

export function toPlainJson<T>(value: T): T {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.split(NUL).join('') : v,
  );
  return (text === undefined ? null : JSON.parse(text)) as T;
}
