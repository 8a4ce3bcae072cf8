import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AppConfig, Principal } from '@erp/platform';

interface Entry {
  principal: Principal;
  rolesHash: string;
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * (issuer, subject) → principal, remembered for `OIDC_PRINCIPAL_CACHE_SECONDS` so a request with
 * an SSO token does not query the database to find its user. An entry only answers for the same
 * mapped roles: a token whose roles changed misses, and the mapping is applied again.
 *
 * Invalidation: grants are not cached here (the policy guard reads them on every request), but
 * what a principal says is, for up to the TTL. Deactivating or erasing a user, changing its
 * platform administrator flag or removing its SSO link must call `evictUser` (not needed yet:
 * no such use case exists) and, with several API instances, broadcast the eviction to the others
 * (Redis pub/sub) — until then such a change takes effect within the TTL.
 */
@Injectable()
export class SsoPrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.ttlMs = config.OIDC_PRINCIPAL_CACHE_SECONDS * 1000;
  }

  get(issuer: string, subject: string, rolesHash: string): Principal | null {
    const key = `${issuer}\n${subject}`;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return null;
    }
    return entry.rolesHash === rolesHash ? entry.principal : null;
  }

  set(issuer: string, subject: string, rolesHash: string, principal: Principal): void {
    if (this.ttlMs === 0) return;
    const key = `${issuer}\n${subject}`;
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { principal, rolesHash, expiresAt: this.clock.now().getTime() + this.ttlMs });
  }

  evictUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.principal.userId === userId) this.entries.delete(key);
  }
}
