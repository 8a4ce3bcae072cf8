import { createHash } from 'node:crypto';

export interface TokenIntrospectionOptions {
  clientId: string;
  clientSecret: string;
  /** How long an answer (active or not) is reused; never past the token's own expiry. */
  cacheMs: number;
  /** At most this many answers are kept; the oldest is dropped first. */
  maxEntries: number;
  timeoutMs: number;
  /** Milliseconds since the epoch (default `Date.now`): injected by tests. */
  now?: () => number;
  /** The HTTP client (default: the global `fetch`). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** The endpoint could not say whether the token is active (unreachable, timeout, error status, bad body). */
export class IntrospectionUnavailable extends Error {}

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into Basic credentials. */
const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/**
 * RFC 7662 token introspection as a resource server: asks the realm whether a token is still
 * active, authenticated as a confidential client. Answers are cached briefly (by the token's
 * SHA-256, never the token itself) in a bounded map, and parallel requests with one token share
 * one call. Anything but a well-formed 200 answer is `IntrospectionUnavailable`: the caller
 * decides (the verifier fails closed with 502 SYS002, it never lets the token through).
 */
export class TokenIntrospection {
  private readonly answers = new Map<string, { active: boolean; until: number }>();
  private readonly pending = new Map<string, Promise<boolean>>();
  private readonly now: () => number;

  constructor(private readonly options: TokenIntrospectionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Is `token` active? `expiresAtMs` (its `exp`) bounds how long the answer is reused. */
  isActive(endpoint: string, token: string, expiresAtMs: number): Promise<boolean> {
    const key = createHash('sha256').update(token).digest('base64url');
    const cached = this.answers.get(key);
    if (cached && cached.until > this.now()) return Promise.resolve(cached.active);
    this.answers.delete(key);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.ask(endpoint, token)
        .then((active) => {
          this.remember(key, active, Math.min(this.now() + this.options.cacheMs, expiresAtMs));
          return active;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** Answers held in memory (tests check the bound). */
  get size(): number {
    return this.answers.size;
  }

  private remember(key: string, active: boolean, until: number): void {
    if (until <= this.now()) return;
    while (this.answers.size >= this.options.maxEntries) {
      const oldest = this.answers.keys().next();
      if (oldest.done) break;
      this.answers.delete(oldest.value);
    }
    this.answers.set(key, { active, until });
  }

  private async ask(endpoint: string, token: string): Promise<boolean> {
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(endpoint, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          authorization: basic(this.options.clientId, this.options.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      });
    } catch (error) {
      throw new IntrospectionUnavailable(error instanceof Error ? error.name : 'request failed');
    }
    const body = (await response.json().catch(() => null)) as { active?: unknown } | null;
    if (response.status !== 200) throw new IntrospectionUnavailable(`status ${response.status}`);
    if (typeof body?.active !== 'boolean') throw new IntrospectionUnavailable('answer without `active`');
    return body.active;
  }
}
