import {
  compileCondition,
  ConditionError,
  InvalidPolicyCondition,
  PolicySubjects,
  subjectOf,
} from '@erp/platform';

/**
 * A condition must parse and type-check against the attributes of its permission's subject
 * (422 VAL002 on `condition`, saying what is wrong and at which character).
 */
export function assertValidCondition(condition: string, permission: string, subjects: PolicySubjects): void {
  const subject = subjectOf(permission);
  try {
    compileCondition(condition, subject, subjects.attributesOf(subject));
  } catch (error) {
    if (error instanceof ConditionError) throw new InvalidPolicyCondition(error.message, condition);
    throw error;
  }
}
