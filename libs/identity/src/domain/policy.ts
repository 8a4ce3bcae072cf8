import { InvalidField, newId } from '@erp/kernel';
import { isKnownPermission } from './permission-catalogue';

export const POLICY_EFFECTS = ['allow', 'deny'] as const;
export type PolicyEffect = (typeof POLICY_EFFECTS)[number];

export interface NewPolicy {
  name: string;
  description?: string | null;
  permission: string;
  effect: PolicyEffect;
  condition: string;
}

/**
 * An attribute rule (ABAC) on one permission of the organization. `allow`: the permission applies
 * only where the condition (or another allow policy of the permission) holds; `deny`: it is
 * refused wherever the condition holds. Policies narrow what roles grant; they never grant.
 */
export class Policy {
  static readonly modelName = 'Policy';
  id!: string;
  organizationId!: string;
  name!: string;
  description!: string | null;
  permission!: string;
  effect!: PolicyEffect;
  condition!: string;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(organizationId: string, input: NewPolicy, createdBy: string): Policy {
    const p = new Policy();
    p.id = newId();
    p.organizationId = organizationId;
    p.createdBy = createdBy;
    p.description = null;
    p.change(input);
    return p;
  }

  /** Applies a partial change; the condition's syntax is checked by the caller, which knows the language. */
  change(changes: Partial<NewPolicy>): void {
    if (changes.name !== undefined) {
      if (changes.name.trim() === '')
        throw new InvalidField('name', "'name' must not be blank", changes.name);
      this.name = changes.name.trim();
    }
    if (changes.description !== undefined) this.description = changes.description || null;
    if (changes.permission !== undefined) this.attachTo(changes.permission);
    if (changes.effect !== undefined) {
      if (!POLICY_EFFECTS.includes(changes.effect))
        throw new InvalidField('effect', "'effect' must be allow or deny", changes.effect);
      this.effect = changes.effect;
    }
    if (changes.condition !== undefined) {
      if (changes.condition.trim() === '')
        throw new InvalidField('condition', "'condition' must not be blank", changes.condition);
      this.condition = changes.condition.trim();
    }
  }

  /**
   * A catalogue permission, but not one of the policy permissions themselves: a policy could
   * otherwise lock every member out of changing policies.
   */
  private attachTo(permission: string): void {
    if (!isKnownPermission(permission))
      throw new InvalidField('permission', `Unknown permission '${permission}'`, permission);
    if (permission.startsWith('policy:'))
      throw new InvalidField('permission', 'Policies cannot restrict the policy permissions', permission);
    this.permission = permission;
  }
}

/** Port: the organization's policies. */
export abstract class PolicyRepository {
  abstract findById(
    organizationId: string,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<Policy | null>;
  abstract nameTaken(organizationId: string, name: string, exceptId?: string): Promise<boolean>;
  abstract save(policy: Policy): Promise<void>;
  abstract remove(policy: Policy): Promise<void>;
}
