import { assertIfMatch } from '@erp/platform';

/** The If-Match check (412 CONC001 when stale), run by a use case on the current record before a change. */
export const ifMatch =
  (header: string | undefined) =>
  (current: { id: string; version: number }): void =>
    assertIfMatch(header, current.id, current.version);
