import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AppConfig, RequestTransaction } from '@erp/platform';
import { InvalidCredentials } from '../domain/identity.errors';
import { PasswordHasher, UserRepository } from '../domain/ports';
import { TokenIssuer, TokenPair } from './token-issuer';

const ANONYMOUS = { organizationId: null, userId: null, platformAdmin: false };

/**
 * Password sign-in. Unknown user, wrong password, inactive and locked accounts answer the same
 * AUTH001, and each path verifies one argon2 hash so timing does not tell them apart.
 */
@Injectable()
export class ObtainTokenUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async execute(username: string, password: string): Promise<TokenPair> {
    const result = await this.transaction.run(ANONYMOUS, async () => {
      const now = this.clock.now();
      const user = await this.users.findByEmail(username);
      const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
      if (!user || !user.isActive || user.isLocked(now)) return null;
      if (!valid) {
        user.recordFailedLogin(now, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCKOUT_SECONDS);
        await this.users.save(user);
        return null;
      }
      user.recordSuccessfulLogin(now);
      await this.users.save(user);
      return this.issuer.issue(user, null);
    });
    if (!result) throw new InvalidCredentials();
    return result;
  }
}
