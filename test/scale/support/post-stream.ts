import { randomUUID } from 'node:crypto';
import { clientLoop } from './client-loop';
import type { FetchHttp } from './fetch-http';

export interface PostOutcome {
  title: string;
  status: number | 'network error';
  id?: string;
  servedBy?: string;
  /** Answered (or failed) after `mark()` was called. */
  late: boolean;
}

/**
 * `concurrency` clients POSTing tasks in a loop (each with an Idempotency-Key, as a careful client
 * does), until `stop()`; records every outcome. `mark()` flags everything that ends from then on.
 */
export function postStream(http: FetchHttp, url: string, token: string, concurrency: number) {
  let late = false;
  const loop = clientLoop(concurrency, async (client, i): Promise<PostOutcome> => {
    const title = `stream ${client}.${i}`;
    try {
      const response = await http.post(
        url,
        { title },
        { token, headers: { 'idempotency-key': randomUUID() }, timeoutMs: 10_000 },
      );
      return {
        title,
        status: response.status,
        id: response.body?.data?.id,
        servedBy: response.headers['x-served-by'] as string | undefined,
        late,
      };
    } catch {
      return { title, status: 'network error', late };
    }
  });
  return {
    ...loop,
    acknowledged: () => loop.outcomes.filter((o) => typeof o.status === 'number' && o.status < 300),
    mark: () => (late = true),
  };
}
