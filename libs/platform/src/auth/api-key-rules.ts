import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { DomainError } from '@erp/kernel';
import { API_KEY_PREFIX } from './api-key-secret';

export const API_KEY_REFUSED = 'erp:api-key-refused';

/**
 * The route refuses API keys (403 AUTH004), whatever the key's scopes: managing API keys, and what
 * only a platform administrator may do. The OpenAPI document leaves `ApiKeyAuth` out of it.
 */
export const RefuseApiKey = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(API_KEY_REFUSED, true), ApiExtension('x-api-key-refused', true));

/** Query parameter names (lower case, without `-` and `_`) that would carry a key in a URL. */
const KEY_PARAMETERS = new Set(['apikey', 'xapikey', 'key']);

const looksLikeKey = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(looksLikeKey)
    : typeof value === 'string' && value.toLowerCase().startsWith(API_KEY_PREFIX);

/**
 * Whether the query string carries an API key: a parameter named like one (`api_key`, `apiKey`,
 * `X-API-Key`, `key`... in any case) or any value starting with the key prefix. URLs end up in
 * logs, proxies and browser history, so such a request is refused even when the key is valid.
 */
export function apiKeyInQuery(query: unknown): boolean {
  if (typeof query !== 'object' || query === null) return false;
  return Object.entries(query).some(
    ([name, value]) => KEY_PARAMETERS.has(name.toLowerCase().replace(/[-_]/g, '')) || looksLikeKey(value),
  );
}

/** Credentials sent in a way the API refuses (AUTH003); `reason` says how to send them instead. */
export class CredentialsRefused extends DomainError {
  readonly code = 'AUTH003';
  readonly kind = 'unauthenticated';
  constructor(reason: string) {
    super('Credentials refused', {}, { reason });
  }
}

export const KEY_IN_QUERY_REASON =
  'API keys are accepted only in the X-API-Key header, never in the URL; revoke a key that was sent in one';
export const AMBIGUOUS_CREDENTIALS_REASON =
  'Send either an Authorization header or an X-API-Key header, not both';
