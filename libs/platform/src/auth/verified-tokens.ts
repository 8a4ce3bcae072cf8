import type { Principal } from './principal';

interface Verified {
  principal: Principal;
  /** The token's `exp`, in ms. */
  expiresAt: number;
}

/**
 * Tokens this process has already verified, with what they said, until they expire: a client
 * sends the same access token with every request, and checking its HMAC and decoding it again
 * each time is most of what authentication costs. Bounded (the oldest entry leaves first); only a
 * token whose signature, issuer, audience and expiry were checked gets in. Revocation does not
 * depend on it: the account is checked on every request, and own access tokens are not revoked
 * one by one.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal of a token verified before, if it has not expired since. */
  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  remember(token: string, principal: Principal, expiresAtSeconds: number): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { principal, expiresAt: expiresAtSeconds * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
