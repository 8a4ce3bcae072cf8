import { Injectable } from '@nestjs/common';
import { ResourceAlreadyExists, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext, PolicySubjects } from '@erp/platform';
import { NewPolicy, Policy, PolicyRepository } from '../domain/policy';
import { assertValidCondition } from './policy-condition';

/** Changes a policy; the condition is re-checked against the (possibly new) permission's subject. */
@Injectable()
export class UpdatePolicyUseCase {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly subjects: PolicySubjects,
    private readonly audit: AuditContext,
  ) {}

  async execute(
    id: string,
    changes: Partial<NewPolicy>,
    actor: Actor,
    precondition?: (version: number) => void,
  ): Promise<Policy> {
    const organizationId = actor.requireOrganization();
    const policy = await this.policies.findById(organizationId, id, { forUpdate: true });
    if (!policy) throw new ResourceNotFound(Policy.modelName, id);
    actor.assertCan('update', Policy.modelName);
    precondition?.(policy.version);
    const before = policy.name;
    const snapshot = { ...policy };
    const unchanged = JSON.stringify(policy);
    policy.change(changes);
    assertValidCondition(policy.condition, policy.permission, this.subjects);
    if (policy.name !== before && (await this.policies.nameTaken(organizationId, policy.name, id)))
      throw new ResourceAlreadyExists(Policy.modelName, 'name');
    if (JSON.stringify(policy) !== unchanged) await this.policies.save(policy);
    this.audit.changed(Policy.modelName, policy.id, snapshot, policy);
    return policy;
  }
}
