import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, InvalidField } from '@erp/kernel';
import { InvalidPolicyCondition } from '../authorization/policy/policy.errors';
import { QueryFailedError } from 'typeorm';
import {
  ERROR_REGISTRY,
  ErrorCode,
  isErrorCode,
  Language,
  renderMessage,
  UNKNOWN_FIELD_MESSAGE,
} from './error-registry';
import { MAX_ERROR_MESSAGE_LENGTH, MAX_FIELD_ERRORS, MAX_FIELD_NAME_LENGTH } from './openapi-components';
import { RequestValidationFailed } from './request-validation';
import type { ErrorBody } from './api-response';

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Unexpected: worth an error log line with the stack. */
  unexpected: boolean;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.NOT_FOUND]: 'REQ002',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'REQ001',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'REQ004',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'REQ005',
  [HttpStatus.BAD_REQUEST]: 'REQ003',
  [HttpStatus.UNAUTHORIZED]: 'AUTH003',
  [HttpStatus.FORBIDDEN]: 'AUTH004',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE001',
};

/** An error that already knows its registry code, raised by platform code outside the domain. */
export class PlatformError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof driver === 'string' ? driver : typeof own === 'string' ? own : undefined;
}

function isConnectionFailure(error: unknown): boolean {
  const code = errorCodeOf(error);
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

function classify(error: unknown): {
  code: ErrorCode;
  params: Record<string, unknown>;
  details: Record<string, unknown>;
  headers?: Record<string, string>;
} {
  if (error instanceof DomainError && isErrorCode(error.code)) {
    return { code: error.code, params: error.params, details: error.details };
  }
  if (error instanceof PlatformError)
    return { code: error.code, params: error.params, details: {}, headers: error.headers };
  if (isConnectionFailure(error))
    return { code: 'SYS001', params: {}, details: {}, headers: { 'Retry-After': '5' } };
  if (error instanceof QueryFailedError) {
    switch (errorCodeOf(error)) {
      case '23505':
        return { code: 'BIZ001', params: { resource: 'Resource', field: 'value' }, details: {} };
      case '23503':
        return { code: 'BIZ003', params: { reason: 'it is linked to other records' }, details: {} };
      case '23514':
        return { code: 'VAL003', params: { field: 'value' }, details: {} };
      case '22001':
      case '22P02':
      case '22007':
      case '22008':
        return { code: 'VAL002', params: { field: 'value' }, details: {} };
      case '42501':
        return { code: 'BIZ002', params: { resource: 'Resource' }, details: {} };
    }
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_STATUS_CODES[status];
    if (code) return { code, params: {}, details: {} };
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && HTTP_STATUS_CODES[status]) {
    return { code: HTTP_STATUS_CODES[status], params: {}, details: {} };
  }
  return { code: 'SYS003', params: {}, details: {} };
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Maps any thrown value to a registry code, status, localized message and safe details, within the
 * bounds the OpenAPI document promises (what a client sent can make a message long).
 */
export function mapError(
  error: unknown,
  language: Language,
  requestId: string,
  route?: { method: string; path: string },
): MappedError {
  const mapped = mapUnbounded(error, language, requestId, route);
  mapped.body.message = clip(mapped.body.message, MAX_ERROR_MESSAGE_LENGTH);
  for (const fieldError of mapped.body.field_errors ?? [])
    fieldError.message = clip(fieldError.message, MAX_ERROR_MESSAGE_LENGTH);
  return mapped;
}

/** A policy condition's error says what is wrong and where (the generic message would not). */
const fieldMessage = (error: InvalidField, message: string): string =>
  error instanceof InvalidPolicyCondition ? `${message}: ${error.message}` : message;

function mapUnbounded(
  error: unknown,
  language: Language,
  requestId: string,
  route?: { method: string; path: string },
): MappedError {
  if (error instanceof InvalidField && isErrorCode(error.code)) {
    const message = renderMessage(error.code, language, { field: error.field });
    return {
      status: ERROR_REGISTRY[error.code].status,
      body: {
        code: error.code,
        message,
        details: { reason: error.message },
        trace_id: requestId,
        field_errors: [
          {
            field: error.field,
            message: fieldMessage(error, message),
            invalid_value: error.invalidValue ?? null,
          },
        ],
      },
      headers: {},
      unexpected: false,
    };
  }
  if (error instanceof RequestValidationFailed) {
    const fieldErrors = error.problems.slice(0, MAX_FIELD_ERRORS).map((p) => {
      const field = clip(p.field, MAX_FIELD_NAME_LENGTH);
      return {
        field,
        message: p.unknown
          ? UNKNOWN_FIELD_MESSAGE[language].replace('{field}', field)
          : renderMessage(p.code, language, { field }),
        invalid_value: p.invalidValue,
      };
    });
    return {
      status: ERROR_REGISTRY[error.code].status,
      body: {
        code: error.code,
        message: fieldErrors[0]?.message ?? '',
        details: {},
        trace_id: requestId,
        field_errors: fieldErrors,
      },
      headers: {},
      unexpected: false,
    };
  }
  const { code, params, details, headers = {} } = classify(error);
  const allParams = code === 'REQ002' && route ? { ...params, ...route } : params;
  const unauthenticated = ERROR_REGISTRY[code].status === 401;
  return {
    status: ERROR_REGISTRY[code].status,
    body: { code, message: renderMessage(code, language, allParams), details, trace_id: requestId },
    headers: unauthenticated ? { 'WWW-Authenticate': `Bearer error="invalid_token"`, ...headers } : headers,
    unexpected: code === 'SYS003',
  };
}
