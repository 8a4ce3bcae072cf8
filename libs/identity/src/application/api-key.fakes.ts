import type { ApiKey } from '../domain/api-key';
import { ApiKeyCredential, ApiKeyCredentialStore, ApiKeyRepository } from '../domain/api-key.repository';

/** In-memory API keys for use-case unit tests; the credential view is derived from the same rows. */
export class FakeApiKeys extends ApiKeyRepository {
  readonly rows = new Map<string, ApiKey>();
  findOwn(userId: string, id: string) {
    const key = this.rows.get(id);
    return Promise.resolve(key?.userId === userId ? key : null);
  }
  save(key: ApiKey) {
    this.rows.set(key.id, key);
    return Promise.resolve();
  }
  revokeAllOf(organizationId: string, userId: string, now: Date) {
    let revoked = 0;
    for (const key of this.rows.values())
      if (key.organizationId === organizationId && key.userId === userId && !key.revokedAt) {
        key.revoke(now);
        revoked += 1;
      }
    return Promise.resolve(revoked);
  }
}

export class FakeCredentialStore extends ApiKeyCredentialStore {
  readonly touches: { id: string; at: Date }[] = [];
  readonly inactiveOwners = new Set<string>();
  constructor(private readonly keys: FakeApiKeys) {
    super();
  }
  findByLookupId(lookupId: string): Promise<ApiKeyCredential | null> {
    const key = [...this.keys.rows.values()].find((k) => k.lookupId === lookupId);
    if (!key) return Promise.resolve(null);
    return Promise.resolve({ ...key, ownerActive: !this.inactiveOwners.has(key.userId) });
  }
  touch(id: string, secretHash: string, at: Date) {
    const key = this.keys.rows.get(id);
    if (key?.secretHash === secretHash) {
      key.lastUsedAt = at;
      this.touches.push({ id, at });
    }
    return Promise.resolve();
  }
}
