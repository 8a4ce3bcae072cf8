import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Policy, PolicyRepository } from '../domain/policy';

/** Deletes a policy: the permission it narrowed applies as granted again (unless other policies narrow it). */
@Injectable()
export class DeletePolicyUseCase {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(id: string, actor: Actor, precondition?: (version: number) => void): Promise<void> {
    const organizationId = actor.requireOrganization();
    const policy = await this.policies.findById(organizationId, id, { forUpdate: true });
    if (!policy) throw new ResourceNotFound(Policy.modelName, id);
    actor.assertCan('delete', Policy.modelName);
    precondition?.(policy.version);
    const before = { ...policy };
    await this.policies.remove(policy);
    this.audit.changed(Policy.modelName, before.id, before, null);
  }
}
