import { Injectable } from '@nestjs/common';
import { Clock, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext, AuthorizationSource, newApiKeySecret, RequestTransaction } from '@erp/platform';
import { ApiKey } from '../domain/api-key';
import { ApiKeyScopesNotHeld } from '../domain/api-key.errors';
import { ApiKeyRepository } from '../domain/api-key.repository';
import { unheldPermissions } from '../domain/permission-catalogue';
import { MembershipRepository } from '../domain/ports';
import { effectivePermissionsIn } from './effective-permissions';

export interface CreateApiKeyInput {
  name: string;
  organizationId: string;
  /** `null`: the key acts with all of its owner's permissions. */
  scopes: string[] | null;
  expiresAt: Date | null;
}

/**
 * Creates a key for the caller in one of its organizations (another one is answered as missing).
 * Scopes must be permissions the caller holds there now; they are checked again at every use.
 * Returns the key itself, which is never stored and never shown again.
 */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly memberships: MembershipRepository,
    private readonly authorization: AuthorizationSource,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly audit: AuditContext,
  ) {}

  async execute(input: CreateApiKeyInput, actor: Actor): Promise<{ apiKey: ApiKey; key: string }> {
    const membership = await this.memberships.find(input.organizationId, actor.userId);
    if (!membership?.isActive) throw new ResourceNotFound('Organization');
    await this.transaction.switchOrganization(input.organizationId);
    if (input.scopes !== null) {
      const held = new Set(
        await effectivePermissionsIn(this.authorization, actor.userId, input.organizationId),
      );
      const missing = unheldPermissions(input.scopes, (code) => held.has(code));
      if (missing.length > 0) throw new ApiKeyScopesNotHeld(missing);
    }
    const secret = newApiKeySecret();
    const apiKey = ApiKey.create(
      {
        organizationId: input.organizationId,
        userId: actor.userId,
        name: input.name,
        lookupId: secret.lookupId,
        secretHash: secret.hash,
        scopes: input.scopes,
        expiresAt: input.expiresAt,
      },
      this.clock.now(),
    );
    await this.keys.save(apiKey);
    // Recorded in the key's organization (the transaction moved there); the hash is redacted.
    this.audit.changed(ApiKey.modelName, apiKey.id, null, apiKey);
    return { apiKey, key: secret.key };
  }
}
