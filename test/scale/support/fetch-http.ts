import { HttpClient, Method, RequestOptions, TestResponse } from '../../support/http';

/** The same calls as `TestHttp`, over real sockets to a running API (directly or through haproxy). */
export class FetchHttp extends HttpClient {
  constructor(readonly base: string) {
    super();
  }

  async request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const target = new URL(url, this.base);
    for (const [k, v] of Object.entries(options.query ?? {})) target.searchParams.set(k, String(v));
    const response = await fetch(target, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await response.text();
    const parsed: unknown =
      text.length > 0 && (response.headers.get('content-type') ?? '').includes('json')
        ? JSON.parse(text)
        : undefined;
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: parsed as T,
      text,
    };
  }
}
