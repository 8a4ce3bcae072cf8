import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface TestResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number>;
  /** Over sockets only (the scale suite's `FetchHttp`): give up after this long. */
  timeoutMs?: number;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a test calls the API through: in-process (`TestHttp`) or over sockets (the scale suite). */
export abstract class HttpClient {
  abstract request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<TestResponse<T>>;

  get<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('GET', url, undefined, options);
  }
  post<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', url, body ?? {}, options);
  }
  patch<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', url, body ?? {}, options);
  }
  put<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', url, body ?? {}, options);
  }
  delete<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('DELETE', url, undefined, options);
  }
}

/** In-process HTTP calls through Fastify's `inject` (no sockets, same pipeline as production). */
export class TestHttp extends HttpClient {
  constructor(private readonly app: NestFastifyApplication) {
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
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        query: options.query
          ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, String(v)]))
          : undefined,
        headers,
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body }
            : { payload: body as object }),
      });
    const text = response.body;
    let parsed: unknown = undefined;
    if (text.length > 0 && String(response.headers['content-type'] ?? '').includes('json'))
      parsed = JSON.parse(text);
    return { status: response.statusCode, headers: response.headers, body: parsed as T, text };
  }
}
