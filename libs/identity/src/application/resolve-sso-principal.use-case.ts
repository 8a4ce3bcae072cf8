import { Injectable, Logger } from '@nestjs/common';
import { grantsHash, Principal, SsoIdentity, SsoPrincipalResolver } from '@erp/platform';
import { SsoSignInRefused } from '../domain/sso.errors';
import { ProvisionSsoUserUseCase } from './provision-sso-user.use-case';
import { SsoPrincipalCache } from './sso-principal.cache';
import { SyncSsoGrantsUseCase } from './sync-sso-grants.use-case';

/**
 * The principal of a verified SSO token: from memory while the subject and its mapped roles are
 * unchanged, otherwise the user is found (or provisioned) and, when the mapped roles differ from
 * the ones last applied, the role mapping is applied again. Parallel requests of one subject
 * share one lookup.
 */
@Injectable()
export class ResolveSsoPrincipalUseCase extends SsoPrincipalResolver {
  private readonly logger = new Logger('Sso');
  private readonly pending = new Map<string, Promise<Principal>>();

  constructor(
    private readonly cache: SsoPrincipalCache,
    private readonly provision: ProvisionSsoUserUseCase,
    private readonly sync: SyncSsoGrantsUseCase,
  ) {
    super();
  }

  resolve(identity: SsoIdentity): Promise<Principal> {
    const rolesHash = grantsHash(identity.grants);
    const cached = this.cache.get(identity.issuer, identity.subject, rolesHash);
    if (cached) return Promise.resolve(cached);
    const key = `${identity.issuer}\n${identity.subject}\n${rolesHash}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.load(identity, rolesHash).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async load(identity: SsoIdentity, rolesHash: string): Promise<Principal> {
    try {
      const { user, link } = await this.provision.execute(identity);
      if (link.needsRoleSync(rolesHash)) await this.sync.execute(user.id, identity);
      const principal: Principal = {
        kind: 'user',
        userId: user.id,
        platformAdmin: user.isPlatformAdmin,
        via: 'sso',
        subject: { issuer: identity.issuer, subject: identity.subject },
      };
      this.cache.set(identity.issuer, identity.subject, rolesHash, principal);
      return principal;
    } catch (error) {
      if (error instanceof SsoSignInRefused)
        this.logger.warn(
          `SSO sign-in of subject ${identity.subject} (${identity.issuer}) refused: ${error.reason}`,
        );
      throw error;
    }
  }
}
