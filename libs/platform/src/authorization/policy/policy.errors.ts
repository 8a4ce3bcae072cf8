import { DomainError, InvalidField } from '@erp/kernel';

/** A list cannot apply a policy condition in SQL (it names something the list has no column for). */
export class PolicyNotApplicableToList extends DomainError {
  readonly code = 'BIZ003';
  readonly kind = 'invalid_state';
  constructor(permission: string, attribute: string) {
    const reason = `a policy on ${permission} uses ${attribute}, which this list cannot filter on`;
    super(`This operation is not allowed: ${reason}`, { reason }, { permission, attribute });
  }
}

/** A policy condition that does not parse or check (422 VAL002); the field error says what and where. */
export class InvalidPolicyCondition extends InvalidField {
  constructor(reason: string, condition: string) {
    super('condition', reason, condition);
  }
}
