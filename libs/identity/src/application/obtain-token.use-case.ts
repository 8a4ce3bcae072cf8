import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AppConfig, AuditContext, RequestTransaction } from '@erp/platform';
import { InvalidCredentials } from '../domain/identity.errors';
import { PasswordHasher, UserRepository } from '../domain/ports';
import { User } from '../domain/user';
import { TokenIssuer, TokenPair } from './token-issuer';

const ANONYMOUS = { organizationId: null, userId: null, platformAdmin: false };

type Refusal = 'unknown_user' | 'inactive' | 'locked' | 'bad_password';

/**
 * Password sign-in. Unknown user, wrong password, inactive and locked accounts answer the same
 * AUTH001, and each path verifies one argon2 hash so timing does not tell them apart. Every
 * attempt is audited (platform trail) in the same transaction, and so is a lockout it causes.
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
    private readonly audit: AuditContext,
  ) {}

  async execute(username: string, password: string): Promise<TokenPair> {
    const result = await this.transaction.run(ANONYMOUS, async () => {
      const now = this.clock.now();
      const user = await this.users.findByEmail(username);
      const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
      if (!user) return this.refuse(null, username, 'unknown_user');
      if (!user.isActive) return this.refuse(user, username, 'inactive');
      if (user.isLocked(now)) return this.refuse(user, username, 'locked');
      if (!valid) {
        user.recordFailedLogin(now, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCKOUT_SECONDS);
        await this.users.save(user);
        if (user.isLocked(now)) {
          await this.audit.record({
            action: 'auth.lockout',
            outcome: 'success',
            actor: { type: 'user', userId: user.id },
            target: { type: 'User', id: user.id },
            details: { locked_until: user.lockedUntil?.toISOString() ?? null },
          });
        }
        return this.refuse(user, username, 'bad_password');
      }
      user.recordSuccessfulLogin(now);
      await this.users.save(user);
      const pair = await this.issuer.issue(user, null);
      await this.audit.record({
        action: 'auth.login',
        outcome: 'success',
        actor: { type: 'user', userId: user.id },
        target: { type: 'User', id: user.id },
        asRequestRow: true,
      });
      return pair;
    });
    if (!result) throw new InvalidCredentials();
    return result;
  }

  private async refuse(user: User | null, username: string, reason: Refusal): Promise<null> {
    await this.audit.record({
      action: 'auth.login',
      outcome: 'failed',
      errorCode: 'AUTH001',
      actor: { type: user ? 'user' : 'anonymous', userId: user?.id ?? null, display: username },
      target: user ? { type: 'User', id: user.id } : null,
      details: { reason },
      asRequestRow: true,
    });
    return null;
  }
}
