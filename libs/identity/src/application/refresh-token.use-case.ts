import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AuditContext, RequestTransaction } from '@erp/platform';
import { InvalidRefreshToken } from '../domain/identity.errors';
import { RefreshTokenStore, UserRepository } from '../domain/ports';
import { TokenIssuer, TokenPair } from './token-issuer';

const ANONYMOUS = { organizationId: null, userId: null, platformAdmin: false };

/** Rotation: a refresh token works once; presenting a used one revokes its whole family. All audited. */
@Injectable()
export class RefreshTokenUseCase {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly transaction: RequestTransaction,
    private readonly store: RefreshTokenStore,
    private readonly users: UserRepository,
    private readonly issuer: TokenIssuer,
    private readonly clock: Clock,
    private readonly audit: AuditContext,
  ) {}

  async execute(refreshToken: string): Promise<TokenPair> {
    const pair = await this.transaction.run(ANONYMOUS, async () => {
      const now = this.clock.now();
      const claim = await this.store.claim(refreshToken, now);
      if (claim.outcome === 'reused') {
        await this.store.revokeFamily(claim.familyId, now);
        this.logger.warn(`Refresh token reuse detected: family ${claim.familyId} revoked`);
        return this.refuse('auth.refresh_reuse', 'denied', null, { family_id: claim.familyId });
      }
      if (claim.outcome === 'invalid')
        return this.refuse('auth.refresh', 'failed', null, { reason: 'invalid' });
      const user = await this.users.findById(claim.userId);
      if (!user || !user.isActive)
        return this.refuse('auth.refresh', 'failed', claim.userId, { reason: 'inactive' });
      const issued = await this.issuer.issue(user, claim.familyId);
      await this.audit.record({
        action: 'auth.refresh',
        outcome: 'success',
        actor: { type: 'user', userId: user.id },
        target: { type: 'User', id: user.id },
        details: { family_id: claim.familyId },
        asRequestRow: true,
      });
      return issued;
    });
    if (!pair) throw new InvalidRefreshToken();
    return pair;
  }

  private async refuse(
    action: string,
    outcome: 'denied' | 'failed',
    userId: string | null,
    details: Record<string, unknown>,
  ): Promise<null> {
    await this.audit.record({
      action,
      outcome,
      errorCode: 'AUTH003',
      actor: { type: userId ? 'user' : 'anonymous', userId },
      target: userId ? { type: 'User', id: userId } : null,
      details,
      asRequestRow: true,
    });
    return null;
  }
}
