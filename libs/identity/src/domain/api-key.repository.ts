import type { ApiKey } from './api-key';

/** What authentication needs to judge a presented key, found by its lookup id before any tenant is known. */
export interface ApiKeyCredential {
  id: string;
  organizationId: string;
  userId: string;
  secretHash: string;
  scopes: string[] | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  ownerActive: boolean;
}

export abstract class ApiKeyRepository {
  /** One of the user's own keys (in any organization), or null. */
  abstract findOwn(userId: string, id: string): Promise<ApiKey | null>;
  /** Saves in the key's organization (the transaction is moved there). */
  abstract save(key: ApiKey): Promise<void>;
  /** Revokes every active key of the user in the transaction's organization; returns how many. */
  abstract revokeAllOf(organizationId: string, userId: string, now: Date): Promise<number>;
}

/** Authentication's narrow view of the keys, outside any request transaction. */
export abstract class ApiKeyCredentialStore {
  abstract findByLookupId(lookupId: string): Promise<ApiKeyCredential | null>;
  /** Stamps `last_used_at` (the store writes at most about once a minute per key). */
  abstract touch(id: string, secretHash: string, at: Date): Promise<void>;
}
