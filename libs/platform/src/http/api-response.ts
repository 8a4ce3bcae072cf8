/** A page of results: the envelope interceptor moves the paging figures into `meta.pagination`. */
export class Paginated<T> {
  constructor(
    readonly items: T[],
    readonly total: number,
    readonly page: number,
    readonly size: number,
  ) {}
}

/** A single resource with its concurrency token: the interceptor sends it as a strong `ETag`. */
export class Versioned<T> {
  constructor(
    readonly body: T,
    readonly etag: string,
  ) {}
}

/** A created resource: answered with 201 and a `Location` header. */
export class Created<T> {
  constructor(
    readonly body: T,
    readonly location: string,
  ) {}
}

/** Strong entity tag of a record version (a hash would add nothing: ids are random). */
export const etagOf = (id: string, version: number): string => `"${id}.${version}"`;

export interface PaginationMeta {
  page: number;
  size: number;
  total: number;
  pages: number;
}

export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
  trace_id: string;
  field_errors?: { field: string; message: string; invalid_value: unknown }[];
}

export interface Envelope<T> {
  success: boolean;
  data: T | null;
  meta: {
    timestamp: string;
    request_id: string;
    version: string;
    execution_time_ms: number;
    pagination?: PaginationMeta;
  };
  error: ErrorBody | null;
}
