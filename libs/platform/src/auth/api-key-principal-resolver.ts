import type { PresentedApiKey } from './api-key-secret';
import type { Principal } from './principal';

/**
 * Port: turns a presented API key into the request principal (its owner, with `via: 'api_key'`
 * and the key's organization and scopes). The identity context implements it; the platform looks
 * it up lazily so it does not import the context. Throws an AUTH003 error for an unknown,
 * revoked or expired key, or one whose owner can no longer sign in.
 */
export abstract class ApiKeyPrincipalResolver {
  abstract resolve(key: PresentedApiKey): Promise<Principal>;
}
