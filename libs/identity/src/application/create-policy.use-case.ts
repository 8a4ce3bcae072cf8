import { Injectable } from '@nestjs/common';
import { ResourceAlreadyExists } from '@erp/kernel';
import { Actor, PolicySubjects } from '@erp/platform';
import { NewPolicy, Policy, PolicyRepository } from '../domain/policy';
import { assertValidCondition } from './policy-condition';

/** Creates a policy on a catalogue permission; its name is unique in the organization. */
@Injectable()
export class CreatePolicyUseCase {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly subjects: PolicySubjects,
  ) {}

  async execute(input: NewPolicy, actor: Actor): Promise<Policy> {
    const organizationId = actor.requireOrganization();
    actor.assertCan('create', Policy.modelName);
    const policy = Policy.create(organizationId, input, actor.userId);
    assertValidCondition(policy.condition, policy.permission, this.subjects);
    if (await this.policies.nameTaken(organizationId, policy.name))
      throw new ResourceAlreadyExists(Policy.modelName, 'name');
    await this.policies.save(policy);
    return policy;
  }
}
