import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { RefreshTokenStore } from '../domain/ports';

/** Revokes the refresh token's whole family. Unknown tokens are ignored: logout reveals nothing. */
@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly store: RefreshTokenStore,
    private readonly clock: Clock,
  ) {}

  async execute(refreshToken: string): Promise<void> {
    await this.transaction.run({ organizationId: null, userId: null, platformAdmin: false }, async () => {
      const family = await this.store.familyOf(refreshToken);
      if (family) await this.store.revokeFamily(family, this.clock.now());
    });
  }
}
