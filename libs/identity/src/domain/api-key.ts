import { InvalidField, newId } from '@erp/kernel';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** A revoked key stays revoked; otherwise it expires at `expiresAt` (none: never). */
export function apiKeyStatus(revokedAt: Date | null, expiresAt: Date | null, now: Date): ApiKeyStatus {
  if (revokedAt) return 'revoked';
  if (expiresAt && expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export interface NewApiKey {
  organizationId: string;
  userId: string;
  name: string;
  lookupId: string;
  secretHash: string;
  /** `null`: the key acts with all of its owner's permissions in the organization. */
  scopes: string[] | null;
  expiresAt: Date | null;
}

/**
 * A credential for server-to-server calls, working in one organization on behalf of its owner.
 * Only the SHA-256 of the key is kept; the key itself is shown once, when it is created.
 */
export class ApiKey {
  static readonly modelName = 'ApiKey';
  id!: string;
  organizationId!: string;
  userId!: string;
  name!: string;
  lookupId!: string;
  secretHash!: string;
  scopes!: string[] | null;
  expiresAt!: Date | null;
  revokedAt!: Date | null;
  lastUsedAt!: Date | null;
  createdAt!: Date;

  /** An expiry, when given, must lie in the future. Scopes are kept sorted, each once. */
  static create(input: NewApiKey, now: Date): ApiKey {
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      throw new InvalidField('expires_at', 'The expiry must be in the future', input.expiresAt, 'VAL003');
    const key = new ApiKey();
    Object.assign(key, input);
    key.id = newId();
    key.scopes = input.scopes === null ? null : [...new Set(input.scopes)].sort();
    key.revokedAt = null;
    key.lastUsedAt = null;
    key.createdAt = now;
    return key;
  }

  /** Revoked keys are never usable again; revoking twice keeps the first time. */
  revoke(now: Date): void {
    this.revokedAt ??= now;
  }

  statusAt(now: Date): ApiKeyStatus {
    return apiKeyStatus(this.revokedAt, this.expiresAt, now);
  }
}
