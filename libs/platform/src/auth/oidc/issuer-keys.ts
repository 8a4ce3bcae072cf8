import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  FlattenedJWSInput,
  JWSHeaderParameters,
  RemoteJWKSet,
} from 'jose';

export interface IssuerKeysOptions {
  timeoutMs: number;
  cooldownMs: number;
  maxAgeMs: number;
  /** The HTTP client (default: the global `fetch`). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** `up`: keys fetched and the realm answered last time; `degraded`: it did not, cached keys still verify. */
export type IdentityProviderState = 'up' | 'degraded' | 'down';

export interface IdentityProviderStatus {
  issuer: string;
  status: IdentityProviderState;
  /** Signing keys held in memory. */
  keys: number;
}

/** Errors that say something about the token, not about the realm being reachable. */
const TOKEN_ERRORS = new Set([
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
]);
const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

class RealmUnreachable extends Error {}

/** Endpoints of a realm named by its discovery document (absent ones are undefined). */
export interface RealmEndpoints {
  authorization?: string;
  token?: string;
  introspection?: string;
}

const httpUrl = (value: unknown): string | undefined =>
  typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
    ? value
    : undefined;

/**
 * One realm's signing keys. Discovery (`<issuer>/.well-known/openid-configuration`) names the
 * key set; jose's remote key set caches it for `maxAgeMs` and refetches on an unknown `kid` at
 * most once per `cooldownMs`. When the realm cannot be reached, keys already fetched keep
 * verifying (stale-if-error) and the realm is not asked again before the cooldown has passed, so
 * an outage neither stops SSO nor turns every request into a slow failing fetch.
 */
export class IssuerKeys {
  private remote?: RemoteJWKSet;
  private discovering?: Promise<RemoteJWKSet>;
  /** Outcome of the last request to the realm (discovery or key set). */
  private lastFetch?: { ok: boolean; at: number };
  /** From the last discovery document (empty before the first one). */
  private discovered: RealmEndpoints = {};

  constructor(
    readonly issuer: string,
    private readonly options: IssuerKeysOptions,
  ) {}

  /** The key resolver for jose's `jwtVerify`. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    const cached = this.remote?.jwks();
    if (cached && this.failedRecently()) return createLocalJWKSet(cached)(header, token);
    const remote = this.remote ?? (await this.discover());
    try {
      return await remote(header, token);
    } catch (error) {
      const code = codeOf(error);
      if (code === undefined || !TOKEN_ERRORS.has(code)) this.record(false);
      const stale = remote.jwks();
      if (this.lastFetch?.ok !== false || !stale) throw error;
      return createLocalJWKSet(stale)(header, token);
    }
  };

  get endpoints(): RealmEndpoints {
    return this.discovered;
  }

  /** Discovers the realm if that has not happened yet (never within the cooldown after a failure). */
  async discovery(): Promise<RealmEndpoints> {
    if (!this.remote) await this.discover().catch(() => undefined);
    return this.discovered;
  }

  status(): IdentityProviderStatus {
    const keys = this.remote?.jwks()?.keys.length ?? 0;
    const status: IdentityProviderState =
      keys === 0 ? 'down' : this.lastFetch?.ok === false ? 'degraded' : 'up';
    return { issuer: this.issuer, status, keys };
  }

  /**
   * Fetches keys that are missing or past their age, or asks again a realm that failed last time
   * (so recovery shows), but never within the cooldown after a failure.
   */
  async refresh(): Promise<void> {
    if (this.failedRecently()) return;
    try {
      const remote = this.remote ?? (await this.discover());
      if (!remote.fresh || remote.jwks() === undefined || this.lastFetch?.ok === false) await remote.reload();
    } catch {
      this.record(false);
    }
  }

  private failedRecently(): boolean {
    return this.lastFetch?.ok === false && Date.now() - this.lastFetch.at < this.options.cooldownMs;
  }

  private record(ok: boolean): void {
    this.lastFetch = { ok, at: Date.now() };
  }

  /** Every request to the realm goes through here, so its outcome is known for readiness and backoff. */
  private readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      const response = await (this.options.fetch ?? fetch)(url, init);
      this.record(response.status === 200);
      return response;
    } catch (error) {
      this.record(false);
      throw error;
    }
  };

  private discover(): Promise<RemoteJWKSet> {
    if (this.failedRecently()) return Promise.reject(new RealmUnreachable(this.issuer));
    this.discovering ??= this.fetchMetadata().finally(() => (this.discovering = undefined));
    return this.discovering;
  }

  private async fetchMetadata(): Promise<RemoteJWKSet> {
    const response = await this.fetch(`${this.issuer}/.well-known/openid-configuration`, {
      method: 'GET',
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs),
      headers: { accept: 'application/json' },
    });
    const metadata = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    // The document must be the configured realm's own (OpenID Connect Discovery §4.3).
    if (
      response.status !== 200 ||
      metadata?.issuer !== this.issuer ||
      typeof metadata.jwks_uri !== 'string'
    ) {
      this.record(false);
      throw new RealmUnreachable(this.issuer);
    }
    this.discovered = {
      authorization: httpUrl(metadata.authorization_endpoint),
      token: httpUrl(metadata.token_endpoint),
      introspection: httpUrl(metadata.introspection_endpoint),
    };
    this.remote = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      timeoutDuration: this.options.timeoutMs,
      cooldownDuration: this.options.cooldownMs,
      cacheMaxAge: this.options.maxAgeMs,
      [customFetch]: this.fetch,
    });
    return this.remote;
  }
}
