import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import { ApiKeyPrincipalResolver, apiKeyHashMatches, PresentedApiKey, Principal } from '@erp/platform';
import { ApiKeyRefused } from '../domain/api-key.errors';
import { ApiKeyCredential, ApiKeyCredentialStore } from '../domain/api-key.repository';
import { apiKeyStatus } from '../domain/api-key';

/** `last_used_at` is written at most this often per key, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The principal of a presented API key: its owner, acting through the key in the key's
 * organization with its scopes. One lookup per request (no cache), so a revocation takes effect
 * on the next request; what the key may do is decided by the policy guard from the owner's
 * current grants. A key never carries platform-administrator rights.
 */
@Injectable()
export class ResolveApiKeyPrincipalUseCase extends ApiKeyPrincipalResolver {
  private readonly logger = new Logger('ApiKey');

  constructor(
    private readonly store: ApiKeyCredentialStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  async resolve(presented: PresentedApiKey): Promise<Principal> {
    const now = this.clock.now();
    const credential = await this.store.findByLookupId(presented.lookupId);
    const refusal = this.refusalOf(credential, presented, now);
    if (refusal || !credential) {
      const reason = refusal ?? 'unknown';
      this.logger.debug(`API key ${presented.lookupId} refused: ${reason}`);
      throw new ApiKeyRefused(reason);
    }
    const lastUsed = credential.lastUsedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS)
      await this.store.touch(credential.id, credential.secretHash, now);
    return {
      kind: 'user',
      userId: credential.userId,
      platformAdmin: false,
      via: 'api_key',
      apiKey: { id: credential.id, organizationId: credential.organizationId, scopes: credential.scopes },
    };
  }

  private refusalOf(
    credential: ApiKeyCredential | null,
    presented: PresentedApiKey,
    now: Date,
  ): ApiKeyRefused['reason'] | null {
    if (!credential || !apiKeyHashMatches(presented.hash, credential.secretHash)) return 'unknown';
    const status = apiKeyStatus(credential.revokedAt, credential.expiresAt, now);
    if (status !== 'active') return status;
    return credential.ownerActive ? null : 'owner inactive';
  }
}
