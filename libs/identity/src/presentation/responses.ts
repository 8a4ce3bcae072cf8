import { ResourceNotFound } from '@erp/kernel';
import { assertIfMatch, etagOf, Versioned } from '@erp/platform';

/** A single record and its ETag, or 404 when the read side did not find it (or may not show it). */
export function versioned<T extends { id: string }>(
  found: { view: T; version: number } | null,
  resource: string,
): Versioned<T> {
  if (!found) throw new ResourceNotFound(resource);
  return new Versioned(found.view, etagOf(found.view.id, found.version));
}

/** The precondition a PATCH hands to its use case: a stale `If-Match` is 412 CONC001. */
export const ifMatch =
  (header: string | undefined, id: string) =>
  (version: number): void =>
    assertIfMatch(header, id, version);
