import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { PlatformError } from '../http/error-mapping';
import type { Principal } from './principal';
import { VerifiedTokens } from './verified-tokens';

/** The `iss` of the platform's own access tokens (SSO tokens carry their realm's issuer URL). */
export const OWN_TOKEN_ISSUER = 'erp-platform';
const AUDIENCE = 'erp-api';

interface AccessClaims {
  sub: string;
  typ: 'Bearer';
  adm?: boolean;
}

/** How many verified tokens one process remembers (a few MB at most). */
const VERIFIED_TOKENS = 5_000;

/**
 * The platform's own short-lived access tokens (HS256). The key is a KeyObject: jsonwebtoken
 * given a string secret costs ~50x more CPU per verify (STACK-NOTES).
 */
@Injectable()
export class AccessTokenService {
  private readonly key: KeyObject;
  private readonly jwt = new JwtService();
  private readonly verified = new VerifiedTokens(VERIFIED_TOKENS);

  constructor(private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  sign(principal: Pick<Principal, 'kind' | 'userId' | 'platformAdmin'>): string {
    const claims: AccessClaims = {
      sub: principal.userId,
      typ: 'Bearer',
      ...(principal.platformAdmin ? { adm: true } : {}),
    };
    return this.jwt.sign(claims, {
      secret: this.key as unknown as Buffer,
      algorithm: 'HS256',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      issuer: OWN_TOKEN_ISSUER,
      audience: AUDIENCE,
    });
  }

  /** The principal of an own token this process verified before and that has not expired, if any. */
  remembered(token: string): Principal | undefined {
    return this.verified.get(token);
  }

  /**
   * The principal a token names (checked in full, then remembered for `remembered`); AUTH002 when
   * expired, AUTH003 for anything else wrong with it.
   */
  verify(token: string): Principal {
    let claims: AccessClaims & { exp: number };
    try {
      claims = this.jwt.verify<AccessClaims & { exp: number }>(token, {
        secret: this.key as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: OWN_TOKEN_ISSUER,
        audience: AUDIENCE,
        clockTolerance: 5,
      });
    } catch (error) {
      throw new PlatformError(
        error instanceof Error && error.name === 'TokenExpiredError' ? 'AUTH002' : 'AUTH003',
      );
    }
    if (claims.typ !== 'Bearer' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number')
      throw new PlatformError('AUTH003');
    const principal: Principal = {
      kind: 'user',
      userId: claims.sub,
      platformAdmin: claims.adm === true,
      via: 'password',
    };
    this.verified.remember(token, Object.freeze(principal), claims.exp);
    return principal;
  }
}
