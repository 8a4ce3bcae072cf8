import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { decodeJwt } from 'jose';
import { PlatformError } from '../http/error-mapping';
import { AccessTokenService, OWN_TOKEN_ISSUER } from './access-token.service';
import { OidcTokenVerifier } from './oidc/oidc-token-verifier';
import { SsoPrincipalResolver } from './oidc/sso-principal-resolver';
import type { Principal } from './principal';

/** The `iss` a token claims, read before any verification: it only picks the verifier. */
function claimedIssuer(token: string): string | null {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

/**
 * A bearer token to a principal. The token's (unverified) issuer picks who verifies it: the
 * platform's own issuer → its HS256 tokens; a configured realm → that realm's keys, then the
 * identity context links the subject to a user; anything else → AUTH003. Each verifier checks
 * the issuer again, so a token cannot pass one verifier by naming another's issuer.
 */
@Injectable()
export class BearerAuthenticator {
  private resolver?: SsoPrincipalResolver;

  constructor(
    private readonly ownTokens: AccessTokenService,
    private readonly sso: OidcTokenVerifier,
    private readonly modules: ModuleRef,
  ) {}

  async authenticate(token: string): Promise<Principal> {
    const known = this.ownTokens.remembered(token);
    if (known) return known;
    const issuer = claimedIssuer(token);
    if (issuer === OWN_TOKEN_ISSUER) return this.ownTokens.verify(token);
    if (issuer === null || !this.sso.handles(issuer)) throw new PlatformError('AUTH003');
    const identity = await this.sso.verify(token, issuer);
    this.resolver ??= this.modules.get(SsoPrincipalResolver, { strict: false });
    return this.resolver.resolve(identity);
  }
}
