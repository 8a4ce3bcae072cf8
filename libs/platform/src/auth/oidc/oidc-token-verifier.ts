import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JWTPayload, jwtVerify } from 'jose';
import { AppConfig } from '../../config/app-config';
import { PlatformError } from '../../http/error-mapping';
import { IdentityProviderStatus, IssuerKeys, RealmEndpoints } from './issuer-keys';
import { mapRoles } from './role-mapping';
import type { SsoIdentity } from './sso-principal-resolver';
import { IntrospectionUnavailable, TokenIntrospection } from './token-introspection';

/** Asymmetric algorithms only: never `none`, never HMAC (which would let a public key sign). */
export const SSO_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

const text = (value: unknown, max = 320): string | null =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : null;

/**
 * Verifies access tokens of the realms in `OIDC_ISSUERS` as a resource server: signature with
 * the realm's published keys (allow-listed algorithms), exact `iss`, `aud` containing
 * `OIDC_AUDIENCE`, `exp`/`nbf` with `OIDC_CLOCK_SKEW_SECONDS` of leeway, and Keycloak's
 * `typ: Bearer` (its refresh and ID tokens say `Refresh` and `ID`). Expired: AUTH002; any other
 * failure: AUTH003. With `OIDC_INTROSPECTION`, a token that passed all of that is also checked
 * with the realm (RFC 7662): inactive (revoked, session ended) → AUTH003; the realm cannot answer
 * → 502 SYS002, failing closed without telling the client its token is bad (it may well be fine).
 */
@Injectable()
export class OidcTokenVerifier implements OnApplicationBootstrap {
  private readonly logger = new Logger('Oidc');
  private readonly realms: Map<string, IssuerKeys>;
  private readonly introspection?: TokenIntrospection;

  constructor(private readonly config: AppConfig) {
    if (config.OIDC_INTROSPECTION)
      this.introspection = new TokenIntrospection({
        clientId: config.OIDC_INTROSPECTION_CLIENT_ID ?? '',
        clientSecret: config.OIDC_INTROSPECTION_CLIENT_SECRET ?? '',
        cacheMs: config.OIDC_INTROSPECTION_CACHE_SECONDS * 1000,
        maxEntries: config.OIDC_INTROSPECTION_CACHE_SIZE,
        timeoutMs: config.OIDC_HTTP_TIMEOUT_MS,
      });
    this.realms = new Map(
      config.OIDC_ISSUERS.map((issuer) => [
        issuer,
        new IssuerKeys(issuer, {
          timeoutMs: config.OIDC_HTTP_TIMEOUT_MS,
          cooldownMs: config.OIDC_JWKS_COOLDOWN_SECONDS * 1000,
          maxAgeMs: config.OIDC_JWKS_MAX_AGE_SECONDS * 1000,
        }),
      ]),
    );
  }

  /** Fetches every realm's keys in the background, so the first SSO request does not wait for them. */
  onApplicationBootstrap(): void {
    void this.refresh();
  }

  get configured(): boolean {
    return this.realms.size > 0;
  }

  /** Is `issuer` (exactly) one of the configured realms? */
  handles(issuer: string): boolean {
    return this.realms.has(issuer);
  }

  async verify(token: string, issuer: string): Promise<SsoIdentity> {
    const realm = this.realms.get(issuer);
    if (!realm) throw new PlatformError('AUTH003');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, realm.getKey, {
        issuer,
        audience: this.config.OIDC_AUDIENCE,
        algorithms: SSO_ALGORITHMS,
        clockTolerance: this.config.OIDC_CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      this.logger.debug(`SSO token refused (${issuer}): ${typeof code === 'string' ? code : 'error'}`);
      throw new PlatformError(code === 'ERR_JWT_EXPIRED' ? 'AUTH002' : 'AUTH003');
    }
    const subject = text(payload.sub, 255);
    if (payload.typ !== 'Bearer' || !subject) {
      this.logger.debug(`SSO token refused (${issuer}): not an access token (typ, sub)`);
      throw new PlatformError('AUTH003');
    }
    if (this.introspection) await this.introspect(this.introspection, realm, token, payload.exp as number);
    const claims = payload as Record<string, unknown>;
    const mapped = mapRoles(claims, issuer, this.config.OIDC_ROLE_MAPPING);
    return {
      issuer,
      subject,
      email: text(claims.email),
      emailVerified: claims.email_verified === true,
      preferredUsername: text(claims.preferred_username),
      name: text(claims.name, 1000),
      grants: mapped.grants,
      managedOrganizations: mapped.organizations,
    };
  }

  private async introspect(
    introspection: TokenIntrospection,
    realm: IssuerKeys,
    token: string,
    exp: number,
  ): Promise<void> {
    const endpoint = realm.endpoints.introspection;
    let active: boolean;
    try {
      if (!endpoint) throw new IntrospectionUnavailable('no introspection_endpoint in discovery');
      active = await introspection.isActive(endpoint, token, exp * 1000);
    } catch (error) {
      if (!(error instanceof IntrospectionUnavailable)) throw error;
      this.logger.warn(`Token introspection at ${realm.issuer} failed: ${error.message}`);
      throw new PlatformError('SYS002');
    }
    if (!active) {
      this.logger.debug(`SSO token refused (${realm.issuer}): inactive according to introspection`);
      throw new PlatformError('AUTH003');
    }
  }

  /** The first realm's login endpoints for Swagger UI, from discovery when it answers. */
  async loginEndpoints(): Promise<(RealmEndpoints & { issuer: string }) | undefined> {
    const [realm] = this.realms.values();
    return realm ? { issuer: realm.issuer, ...(await realm.discovery()) } : undefined;
  }

  /** Each realm's reachability and keys, as last seen (readiness reports it). */
  status(): IdentityProviderStatus[] {
    return [...this.realms.values()].map((realm) => realm.status());
  }

  /** Fetches keys that are missing or stale (never more often than the cooldown allows). */
  async refresh(): Promise<void> {
    await Promise.all([...this.realms.values()].map((realm) => realm.refresh()));
  }
}
