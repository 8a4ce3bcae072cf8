import { ERROR_REGISTRY } from './error-registry';

/*
 * Shared parts of the OpenAPI document: the envelope's meta, the error envelope and the headers
 * every answer carries. Bounds here are the ones the API guarantees (see MAX_* in error-mapping
 * and the page size limit of ListQuery), so clients and the OWASP lint can rely on them.
 */

/** Largest page a list endpoint returns (ListQuery's `size` maximum). */
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 1_000_000;
/** Largest integer a JSON number carries exactly. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const REQUEST_ID = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._-]{1,128}$' };

const RESPONSE_META = {
  type: 'object',
  required: ['timestamp', 'request_id', 'version', 'execution_time_ms'],
  properties: {
    timestamp: { type: 'string', format: 'date-time', maxLength: 35 },
    request_id: REQUEST_ID,
    version: { type: 'string', maxLength: 8, pattern: '^v[0-9]+$', example: 'v1' },
    execution_time_ms: { type: 'number', minimum: 0 },
  },
};

const PAGINATION = {
  type: 'object',
  required: ['page', 'size', 'total', 'pages'],
  properties: {
    page: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE },
    size: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE },
    total: { type: 'integer', format: 'int64', minimum: 0, maximum: MAX_SAFE },
    pages: { type: 'integer', format: 'int64', minimum: 0, maximum: MAX_SAFE },
  },
};

const PAGINATED_RESPONSE_META = {
  allOf: [
    { $ref: '#/components/schemas/ResponseMeta' },
    {
      type: 'object',
      required: ['pagination'],
      properties: { pagination: { $ref: '#/components/schemas/Pagination' } },
    },
  ],
};

/** Bounds of an error body, enforced by `mapError`. */
export const MAX_ERROR_MESSAGE_LENGTH = 1000;
export const MAX_FIELD_ERRORS = 100;
export const MAX_FIELD_NAME_LENGTH = 200;

const ERROR_ENVELOPE = {
  type: 'object',
  required: ['success', 'data', 'meta', 'error'],
  properties: {
    success: { type: 'boolean', enum: [false] },
    data: { nullable: true, enum: [null], description: 'Always null on failure' },
    meta: { $ref: '#/components/schemas/ResponseMeta' },
    error: {
      type: 'object',
      required: ['code', 'message', 'details', 'trace_id'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_REGISTRY) },
        message: { type: 'string', maxLength: MAX_ERROR_MESSAGE_LENGTH },
        details: { type: 'object', additionalProperties: true },
        trace_id: REQUEST_ID,
        field_errors: {
          type: 'array',
          maxItems: MAX_FIELD_ERRORS,
          items: {
            type: 'object',
            required: ['field', 'message', 'invalid_value'],
            properties: {
              field: { type: 'string', maxLength: MAX_FIELD_NAME_LENGTH },
              message: { type: 'string', maxLength: MAX_ERROR_MESSAGE_LENGTH },
              invalid_value: { description: 'The value sent, as received' },
            },
          },
        },
      },
    },
  },
};

export const SHARED_SCHEMAS = {
  ResponseMeta: RESPONSE_META,
  Pagination: PAGINATION,
  PaginatedResponseMeta: PAGINATED_RESPONSE_META,
  ErrorEnvelope: ERROR_ENVELOPE,
};

const RATE_LIMIT_VALUE = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 };

/** Response headers, referenced from every operation's responses by `completeOperations`. */
export const SHARED_HEADERS = {
  'X-Request-Id': {
    description: 'The request id: the one sent (if valid) or a generated one; also in `meta.request_id`',
    schema: REQUEST_ID,
  },
  'Access-Control-Allow-Origin': {
    description: 'Present only for a browser origin listed in CORS_ORIGINS (never `*`)',
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
  'X-RateLimit-Limit': {
    description: 'Requests allowed in the current window for this principal (or IP when anonymous)',
    schema: RATE_LIMIT_VALUE,
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window',
    schema: RATE_LIMIT_VALUE,
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current window resets',
    schema: RATE_LIMIT_VALUE,
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
  },
  'WWW-Authenticate': {
    description: 'The authentication challenge, e.g. `Bearer error="invalid_token"`',
    schema: { type: 'string', maxLength: 256 },
  },
  Deprecation: {
    description: 'On deprecated routes: since when (RFC 9745, `@<epoch seconds>`)',
    schema: { type: 'string', maxLength: 32 },
  },
  Sunset: {
    description: 'On deprecated routes: when the route stops answering (RFC 8594, an HTTP date)',
    schema: { type: 'string', maxLength: 64 },
  },
  Link: {
    description: 'On deprecated routes: `<successor>; rel="successor-version"`',
    schema: { type: 'string', maxLength: 512 },
  },
};
export type SharedHeader = keyof typeof SHARED_HEADERS;
