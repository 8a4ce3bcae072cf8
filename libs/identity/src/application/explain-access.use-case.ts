import { Injectable } from '@nestjs/common';
import { InvalidField, ResourceNotFound } from '@erp/kernel';
import {
  Actor,
  AuthorizationSource,
  constantOf,
  defineAbility,
  DEPARTMENT_SCOPED_SUBJECTS,
  EffectiveGrant,
  holds,
  parsePermission,
  PolicyOutcome,
  PolicySet,
  PolicySubjects,
  recordLookup,
  toPermissionCode,
} from '@erp/platform';
import { isKnownPermission } from '../domain/permission-catalogue';

export interface ExplainInput {
  userId: string;
  action: string;
  /** `task` (as in permission codes) or `Task`. */
  subject: string;
  resourceId?: string;
}

export type ExplainReason =
  | { type: 'grant'; role_id: string; role_code: string; department_id: string | null; applies: boolean }
  | { type: 'no_grant'; message: string }
  | {
      type: 'policy';
      policy_id: string;
      name: string;
      effect: 'allow' | 'deny';
      condition: string;
      /** Whether the condition holds (for the record, if one was named); `null`: it depends on the record. */
      matched: boolean | null;
    };

export interface Explanation {
  allowed: boolean;
  permission: string;
  reasons: ExplainReason[];
}

/**
 * May a member do `action` on `subject` (and on one record), and why: the grants that give the
 * permission (and whether their department narrowing reaches the record) and every policy on it
 * (and whether it matched). Decided by the same Actor rules as real requests, at this moment.
 */
@Injectable()
export class ExplainAccessUseCase {
  constructor(
    private readonly source: AuthorizationSource,
    private readonly subjects: PolicySubjects,
  ) {}

  async execute(input: ExplainInput, actor: Actor): Promise<Explanation> {
    const organizationId = actor.requireOrganization();
    actor.assertCan('explain', 'Authorization');
    const subject = /^[a-z]/.test(input.subject)
      ? parsePermission(`${input.subject}:x`).subject
      : input.subject;
    const permission = toPermissionCode(input.action, subject);
    if (!isKnownPermission(permission))
      throw new InvalidField('action', `Unknown permission '${permission}'`, permission);
    const target = await this.source.grantsOf(input.userId, organizationId);
    if (!target.member) throw new ResourceNotFound('User', input.userId);
    const record = input.resourceId ? await this.load(organizationId, subject, input.resourceId) : undefined;
    const policies = target.policies ?? PolicySet.NONE;
    const who = new Actor(input.userId, false, organizationId, defineAbility(target.grants, false), policies);
    const grants = target.grants
      .filter((g) => g.permissions.includes(permission))
      .map((g) => grantReason(g, subject, record));
    const { allow, deny } = policies.outcomes(input.action, subject);
    const lookup = record ? recordLookup(record, this.subjects.attributesOf(subject)) : undefined;
    return {
      allowed: who.can(input.action, subject, record),
      permission,
      reasons: [
        ...(grants.length > 0
          ? grants
          : [{ type: 'no_grant' as const, message: `No role granted to the user gives ${permission}` }]),
        ...[...allow, ...deny].map((o) => policyReason(o, lookup)),
      ],
    };
  }

  private async load(organizationId: string, subject: string, id: string): Promise<object> {
    const load = this.subjects.get(subject)?.load;
    if (!load) throw new InvalidField('resource_id', `Records of ${subject} cannot be explained`, id);
    const record = await load(organizationId, id);
    if (!record) throw new ResourceNotFound(subject, id);
    return record;
  }
}

function grantReason(grant: EffectiveGrant, subject: string, record?: object): ExplainReason {
  const departmentId = (record as { departmentId?: string | null } | undefined)?.departmentId ?? null;
  const applies =
    grant.departmentIds === null ||
    (DEPARTMENT_SCOPED_SUBJECTS.has(subject) &&
      (!record || (departmentId !== null && grant.departmentIds.includes(departmentId))));
  return {
    type: 'grant',
    role_id: grant.role?.id ?? '',
    role_code: grant.role?.code ?? '',
    department_id: grant.departmentId ?? null,
    applies,
  };
}

function policyReason(outcome: PolicyOutcome, lookup?: (name: string) => unknown): ExplainReason {
  const { policy, condition } = outcome;
  return {
    type: 'policy',
    policy_id: policy.id,
    name: policy.name,
    effect: policy.effect,
    condition: policy.condition,
    matched: lookup ? holds(condition, lookup) : (constantOf(condition) ?? null),
  };
}
