import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AuditContext, RequestTransaction } from '@erp/platform';
import { RefreshTokenStore } from '../domain/ports';

/** Revokes the refresh token's whole family. Unknown tokens are ignored: logout reveals nothing. Audited. */
@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly store: RefreshTokenStore,
    private readonly clock: Clock,
    private readonly audit: AuditContext,
  ) {}

  async execute(refreshToken: string): Promise<void> {
    await this.transaction.run({ organizationId: null, userId: null, platformAdmin: false }, async () => {
      const family = await this.store.familyOf(refreshToken);
      if (family) await this.store.revokeFamily(family.familyId, this.clock.now());
      await this.audit.record({
        action: 'auth.logout',
        outcome: 'success',
        actor: { type: family ? 'user' : 'anonymous', userId: family?.userId ?? null },
        target: family ? { type: 'User', id: family.userId } : null,
        details: family ? { family_id: family.familyId, revoked: true } : { revoked: false },
        asRequestRow: true,
      });
    });
  }
}
