import { Injectable } from '@nestjs/common';
import { Clock, InvalidState, PermissionDenied, ResourceNotFound } from '@erp/kernel';
import { AccessCache, ACCOUNTS_SCOPE, Actor, RequestTransaction } from '@erp/platform';
import { ApiKeyRepository } from '../domain/api-key.repository';
import { MembershipRepository, RoleGrantRepository, UserRepository } from '../domain/ports';
import { User } from '../domain/user';
import { UserFootprint } from '../domain/user-footprint';
import { SsoPrincipalCache } from './sso-principal.cache';

export interface ErasedAccount {
  userId: string;
  /** The email before this erasure; `null` when the account had been erased already. */
  previousEmail: string | null;
  erasedAt: Date;
  organizations: number;
}

/** Serializes erasures, so two administrators can never erase each other at the same time. */
const ERASURE_LOCK = 'identity:erasure';

/**
 * Erases an account (data rights) in the caller's transaction: anonymizes it (it can never sign in
 * again), ends its memberships, removes its role grants and SSO links, revokes its API keys and
 * every refresh token family, forgets its idempotent answers and evicts its cached SSO principal
 * once the erasure has committed (earlier, a concurrent request could refill it from the old state).
 * Work it created or is assigned stays, pointing at the now anonymous id. A platform administrator
 * cannot erase themself, and the caller must still be an active platform administrator when the
 * erasure runs (checked under the lock), so the last platform administrator can never be erased.
 * Erasing an erased account again repeats the clean-up and changes nothing more.
 */
@Injectable()
export class EraseUserAccountUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly grants: RoleGrantRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly footprint: UserFootprint,
    private readonly ssoCache: SsoPrincipalCache,
    private readonly clock: Clock,
    private readonly access: AccessCache,
  ) {}

  async execute(userId: string, actor: Actor): Promise<ErasedAccount> {
    if (userId === actor.userId)
      throw new InvalidState(User.modelName, 'a platform administrator cannot erase their own account');
    await this.transaction.lock(ERASURE_LOCK);
    const acting = await this.users.findById(actor.userId);
    if (!acting?.isActive || !acting.isPlatformAdmin) throw new PermissionDenied('erase', User.modelName);
    const user = await this.users.findById(userId, { forUpdate: true });
    if (!user) throw new ResourceNotFound(User.modelName, userId);

    const now = this.clock.now();
    const previousEmail = user.erasedAt ? null : user.email;
    const organizations = await this.footprint.organizationsOf(userId);
    const home = this.transaction.scope?.organizationId ?? null;
    for (const organizationId of organizations) {
      await this.transaction.switchOrganization(organizationId);
      await this.grants.removeAllForUser(organizationId, userId);
      await this.apiKeys.revokeAllOf(organizationId, userId, now);
      this.access.invalidateAfterCommit(organizationId);
      const membership = await this.memberships.find(organizationId, userId, { forUpdate: true });
      if (membership?.isActive) {
        membership.end();
        await this.memberships.save(membership);
      }
    }
    await this.transaction.switchOrganization(home);
    await this.footprint.revokeRefreshTokens(userId, now);
    await this.footprint.removeSsoLinks(userId);
    await this.footprint.forgetIdempotencyRecords(userId);
    user.erase(now);
    await this.users.save(user);
    this.transaction.afterCommit(() => this.ssoCache.evictUser(userId));
    this.access.invalidateAfterCommit(ACCOUNTS_SCOPE);
    return { userId, previousEmail, erasedAt: user.erasedAt ?? now, organizations: organizations.length };
  }
}
