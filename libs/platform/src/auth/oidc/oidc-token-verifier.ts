import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JWTPayload, jwtVerify } from 'jose';
import { AppConfig } from '../../config/app-config';
import { PlatformError } from '../../http/error-mapping';
import { IdentityProviderStatus, IssuerKeys } from './issuer-keys';
import { mapRoles } from './role-mapping';
import type { SsoIdentity } from './sso-principal-resolver';

/** Asymmetric algorithms only: never `none`, never HMAC (which would let a public key sign). */
export const SSO_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

const text = (value: unknown, max = 320): string | null =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : null;

/**
 * Verifies access tokens of the realms in `OIDC_ISSUERS` as a resource server: signature with
 * the realm's published keys (allow-listed algorithms), exact `iss`, `aud` containing
 * `OIDC_AUDIENCE`, `exp`/`nbf` with `OIDC_CLOCK_SKEW_SECONDS` of leeway, and Keycloak's
 * `typ: Bearer` (its refresh and ID tokens say `Refresh` and `ID`). Expired: AUTH002; any other
 * failure: AUTH003.
 */
@Injectable()
export class OidcTokenVerifier implements OnApplicationBootstrap {
  private readonly logger = new Logger('Oidc');
  private readonly realms: Map<string, IssuerKeys>;

  constructor(private readonly config: AppConfig) {
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

  /** Each realm's reachability and keys, as last seen (readiness reports it). */
  status(): IdentityProviderStatus[] {
    return [...this.realms.values()].map((realm) => realm.status());
  }

  /** Fetches keys that are missing or stale (never more often than the cooldown allows). */
  async refresh(): Promise<void> {
    await Promise.all([...this.realms.values()].map((realm) => realm.refresh()));
  }
}
