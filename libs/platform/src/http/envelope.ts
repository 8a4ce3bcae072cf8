import type { FastifyRequest } from 'fastify';
import { requestedUrl, servedVersion } from './api-version';
import { elapsedMs } from './request-timing';
import type { Envelope, ErrorBody, PaginationMeta } from './api-response';

/** The one response shape of the API (contract §2). */
export function envelope<T>(
  request: FastifyRequest,
  data: T | null,
  error: ErrorBody | null,
  pagination?: PaginationMeta,
): Envelope<T> {
  return {
    success: error === null,
    data,
    meta: {
      timestamp: new Date().toISOString(),
      request_id: request.id,
      version: servedVersion(requestedUrl(request.raw), request.headers),
      execution_time_ms: elapsedMs(request.raw),
      ...(pagination ? { pagination } : {}),
    },
    error,
  };
}
