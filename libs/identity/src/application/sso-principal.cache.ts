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
 * What an entry holds, and what could make it stale:
 * - grants and memberships are not held: the policy guard reads them on every request, so
 *   removing a member or revoking a role takes effect on the next request;
 * - `userId`, `issuer` and `subject` never change (a link is never re-pointed);
 * - `platformAdmin` and "the account is active" (inactive accounts are refused when the entry is
 *   made) could, but no use case changes them yet: `User.isActive` and `isPlatformAdmin` are only
 *   set when an account is created, and SSO links are never removed.
 * A use case that deactivates or erases a user, changes its platform administrator flag or
 * removes its SSO link must call `evictUser` (and, with several API instances, broadcast the
 * eviction, e.g. over Redis pub/sub); without that, the change takes effect once the entry has
 * expired, within the TTL (sso.use-cases.spec.ts shows both).
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
