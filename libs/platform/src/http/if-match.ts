import { etagOf } from './api-response';
import { PlatformError } from './error-mapping';

/** Optimistic concurrency: a stale `If-Match` (when one is sent) is 412 CONC001. */
export function assertIfMatch(ifMatch: string | undefined, id: string, version: number): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const current = etagOf(id, version);
  const offered = ifMatch.split(',').map((tag) => tag.trim());
  if (!offered.includes(current)) throw new PlatformError('CONC001');
}
