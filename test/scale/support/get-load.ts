import { clientLoop } from './client-loop';
import type { FetchHttp } from './fetch-http';

export interface GetOutcome {
  status: number | 'network error';
  code?: string;
  retryAfter?: string;
  ms: number;
}

/** `concurrency` clients GETting `url` in a loop until `stop()`; records every outcome. */
export function getLoad(http: FetchHttp, url: string, token: string, concurrency: number) {
  return clientLoop(concurrency, async (): Promise<GetOutcome> => {
    const started = Date.now();
    try {
      const response = await http.get(url, { token, timeoutMs: 15_000 });
      // haproxy's own 503 (no instance up) comes back at once: do not spin on it.
      if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        status: response.status,
        code: response.body?.error?.code,
        retryAfter: response.headers['retry-after'] as string | undefined,
        ms: Date.now() - started,
      };
    } catch {
      return { status: 'network error', ms: Date.now() - started };
    }
  });
}
