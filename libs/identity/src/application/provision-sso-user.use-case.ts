import { Injectable } from '@nestjs/common';
import { AuditContext, RequestTransaction, SsoIdentity } from '@erp/platform';
import { UserIdentityRepository, UserRepository } from '../domain/ports';
import { SsoSignInRefused } from '../domain/sso.errors';
import { User } from '../domain/user';
import { UserIdentity } from '../domain/user-identity';

const ANONYMOUS = { organizationId: null, userId: null, platformAdmin: false };

/**
 * The user an SSO identity is linked to by (issuer, subject), linked on first use: to the account
 * with the same email when the realm vouches for it (`email_verified`), otherwise to a new account
 * (email from `email` or `preferred_username`, name from `name`, no password). An existing account
 * is never taken over through an unverified email, and inactive accounts are refused.
 */
@Injectable()
export class ProvisionSsoUserUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly users: UserRepository,
    private readonly links: UserIdentityRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(identity: SsoIdentity): Promise<{ user: User; link: UserIdentity }> {
    return this.transaction.run(ANONYMOUS, async () => {
      let link = await this.links.find(identity.issuer, identity.subject);
      let linkedNow = false;
      if (!link) {
        // Parallel first requests of one person queue here; the later ones find the link.
        await this.links.lock(identity.issuer, identity.subject);
        link = await this.links.find(identity.issuer, identity.subject);
        if (!link) {
          link = await this.link(identity);
          linkedNow = true;
        }
      }
      const user = await this.users.findById(link.userId);
      if (!user?.isActive) throw new SsoSignInRefused('inactive account');
      if (linkedNow) {
        await this.audit.record({
          action: 'auth.sso_first_login',
          outcome: 'success',
          actor: { type: 'sso', userId: user.id, ssoIssuer: identity.issuer, ssoSubject: identity.subject },
          target: { type: 'User', id: user.id },
        });
      }
      return { user, link };
    });
  }

  private async link(identity: SsoIdentity): Promise<UserIdentity> {
    const user = await this.accountFor(identity);
    const link = UserIdentity.create(user.id, identity.issuer, identity.subject);
    await this.links.save(link);
    return link;
  }

  private async accountFor(identity: SsoIdentity): Promise<User> {
    const email = identity.email ?? identity.preferredUsername;
    if (!email || email.length > 254) throw new SsoSignInRefused('no usable email or username');
    const existing = await this.users.findByEmail(email);
    if (existing) {
      if (identity.email !== null && identity.emailVerified) return existing;
      throw new SsoSignInRefused('an account with this email exists and the realm does not verify it');
    }
    const user = User.create({
      email,
      fullName: (identity.name ?? identity.preferredUsername ?? email).slice(0, 200),
      passwordHash: null,
    });
    await this.users.save(user);
    return user;
  }
}
