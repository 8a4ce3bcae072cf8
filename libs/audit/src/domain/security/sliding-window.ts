/**
 * The busiest stretch of `windowMs` among the items: the most items, or with `key` the most
 * distinct non-null keys. Linear after sorting, so a flood of events stays cheap.
 */
export function busiestWindow<T extends { at: Date }>(
  items: readonly T[],
  windowMs: number,
  key?: (item: T) => string | null,
): { items: T[]; size: number } {
  const sorted = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  const counts = new Map<string, number>();
  const keyOf = (item: T): string | null => (key ? key(item) : null);
  let best = { from: 0, to: -1, size: 0 };
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    const added = keyOf(sorted[end]);
    if (added !== null) counts.set(added, (counts.get(added) ?? 0) + 1);
    while (sorted[end].at.getTime() - sorted[start].at.getTime() > windowMs) {
      const removed = keyOf(sorted[start++]);
      if (removed === null) continue;
      const left = (counts.get(removed) ?? 1) - 1;
      if (left === 0) counts.delete(removed);
      else counts.set(removed, left);
    }
    const size = key ? counts.size : end - start + 1;
    if (size > best.size) best = { from: start, to: end, size };
  }
  return { items: sorted.slice(best.from, best.to + 1), size: best.size };
}

/** Items grouped by a key; items whose key is null are left out. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The distinct non-null values of a field. */
export const distinct = <T>(items: readonly T[], value: (item: T) => string | null): Set<string> =>
  new Set(items.map(value).filter((v): v is string => v !== null));
