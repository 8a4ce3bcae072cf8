import { Injectable } from '@nestjs/common';
import { Clock, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext, RequestTransaction } from '@erp/platform';
import { ApiKey } from '../domain/api-key';
import { ApiKeyRepository } from '../domain/api-key.repository';

/** Revokes one of the caller's own keys at once (anyone else's key is answered as missing). */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly audit: AuditContext,
  ) {}

  async execute(id: string, actor: Actor): Promise<void> {
    const apiKey = await this.keys.findOwn(actor.userId, id);
    if (!apiKey) throw new ResourceNotFound(ApiKey.modelName);
    if (apiKey.revokedAt) return;
    await this.transaction.switchOrganization(apiKey.organizationId);
    const before = { ...apiKey };
    apiKey.revoke(this.clock.now());
    await this.keys.save(apiKey);
    this.audit.changed(ApiKey.modelName, apiKey.id, before, apiKey);
  }
}
