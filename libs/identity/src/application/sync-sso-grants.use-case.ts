import { Injectable } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { AccessCache, grantsHash, MappedGrant, RequestTransaction, SsoIdentity } from '@erp/platform';
import { Membership } from '../domain/membership';
import {
  MembershipRepository,
  RoleRepository,
  SsoGrantRepository,
  UserIdentityRepository,
} from '../domain/ports';

/**
 * Applies the SSO role mapping to a user. In every organization the mapping manages (and every
 * one where the user still holds SSO grants) the mapped grants the token has are added — with a
 * membership when the user is not an active member — and SSO grants it no longer has are
 * removed; grants made by hand are never touched. Mapped organizations or roles that do not
 * exist are skipped: what was applied is recorded, so a later request tries them again.
 */
@Injectable()
export class SyncSsoGrantsUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly links: UserIdentityRepository,
    private readonly ssoGrants: SsoGrantRepository,
    private readonly roles: RoleRepository,
    private readonly memberships: MembershipRepository,
    private readonly clock: Clock,
    private readonly access: AccessCache,
  ) {}

  async execute(userId: string, identity: SsoIdentity): Promise<void> {
    // Platform-administrator scope to find organizations by code; each change runs in its organization.
    await this.transaction.run({ organizationId: null, userId, platformAdmin: true }, async () => {
      await this.links.lock(identity.issuer, identity.subject);
      const link = await this.links.find(identity.issuer, identity.subject);
      if (!link?.needsRoleSync(grantsHash(identity.grants))) return;
      const codes = [
        ...new Set([...identity.managedOrganizations, ...identity.grants.map((g) => g.organization)]),
      ];
      const organizationIds = await this.ssoGrants.organizationIds(codes);
      const codeOf = new Map([...organizationIds].map(([code, id]) => [id, code]));
      const targets = new Set([
        ...organizationIds.values(),
        ...(await this.ssoGrants.organizationsWithGrants(userId)),
      ]);
      const applied: MappedGrant[] = [];
      for (const organizationId of targets) {
        await this.transaction.switchOrganization(organizationId);
        const wanted = identity.grants.filter((g) => g.organization === codeOf.get(organizationId));
        const roleIds = new Map(
          (await this.roles.listAll(organizationId)).map((role) => [role.code, role.id]),
        );
        const found = wanted.filter((g) => roleIds.has(g.role));
        applied.push(...found);
        await this.apply(organizationId, userId, new Set(found.map((g) => roleIds.get(g.role) as string)));
      }
      link.recordRolesApplied(grantsHash(applied));
      await this.links.save(link);
    });
  }

  private async apply(organizationId: string, userId: string, wanted: Set<string>): Promise<void> {
    const current = await this.ssoGrants.roleIds(organizationId, userId);
    const missing = [...wanted].filter((id) => !current.includes(id));
    const extra = current.filter((id) => !wanted.has(id));
    if (missing.length === 0 && extra.length === 0) return;
    if (missing.length > 0) await this.ensureMember(organizationId, userId);
    await this.ssoGrants.remove(organizationId, userId, extra);
    await this.ssoGrants.add(organizationId, userId, missing);
    this.access.invalidateAfterCommit(organizationId);
  }

  private async ensureMember(organizationId: string, userId: string): Promise<void> {
    const membership = await this.memberships.find(organizationId, userId, { forUpdate: true });
    if (membership?.isActive) return;
    if (membership) membership.rejoin(null, this.clock.now());
    await this.memberships.save(
      membership ?? Membership.create(organizationId, userId, null, this.clock.now()),
    );
  }
}
