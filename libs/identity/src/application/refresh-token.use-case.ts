import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { InvalidRefreshToken } from '../domain/identity.errors';
import { RefreshTokenStore, UserRepository } from '../domain/ports';
import { TokenIssuer, TokenPair } from './token-issuer';

const ANONYMOUS = { organizationId: null, userId: null, platformAdmin: false };

/** Rotation: a refresh token works once; presenting a used one revokes its whole family. */
@Injectable()
export class RefreshTokenUseCase {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly transaction: RequestTransaction,
    private readonly store: RefreshTokenStore,
    private readonly users: UserRepository,
    private readonly issuer: TokenIssuer,
    private readonly clock: Clock,
  ) {}

  async execute(refreshToken: string): Promise<TokenPair> {
    const pair = await this.transaction.run(ANONYMOUS, async () => {
      const now = this.clock.now();
      const claim = await this.store.claim(refreshToken, now);
      if (claim.outcome === 'reused') {
        await this.store.revokeFamily(claim.familyId, now);
        this.logger.warn(`Refresh token reuse detected: family ${claim.familyId} revoked`);
        return null;
      }
      if (claim.outcome === 'invalid') return null;
      const user = await this.users.findById(claim.userId);
      if (!user || !user.isActive) return null;
      return this.issuer.issue(user, claim.familyId);
    });
    if (!pair) throw new InvalidRefreshToken();
    return pair;
  }
}
