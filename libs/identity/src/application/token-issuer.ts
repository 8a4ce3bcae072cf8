import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AccessTokenService, AppConfig } from '@erp/platform';
import { RefreshTokenStore } from '../domain/ports';
import type { User } from '../domain/user';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** Issues an access token and a refresh token of the given family (a new family on login). */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async issue(user: User, familyId: string | null): Promise<TokenPair> {
    const expiresAt = new Date(this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const refresh = await this.refreshTokens.issue(user.id, familyId, expiresAt);
    return {
      access_token: this.accessTokens.sign({
        kind: 'user',
        userId: user.id,
        platformAdmin: user.isPlatformAdmin,
      }),
      refresh_token: refresh.token,
      token_type: 'Bearer',
      expires_in: this.accessTokens.ttlSeconds,
    };
  }
}
