import { constantOf, TRUE } from './policy/evaluate';
import type { Expr } from './policy/expression';
import { PolicyNotApplicableToList } from './policy/policy.errors';
import { NotTranslatable, Parameter, PolicyColumns, toSql } from './policy/to-sql';

/**
 * Which records of a subject the caller may act on, in a form a query can apply: the departments
 * its grants reach and the policies' condition on the record (already reduced for the caller).
 */
export interface RecordScope {
  departments: 'all' | readonly string[];
  condition: Expr;
  /** The permission the scope is for, to name it when a list cannot apply the condition. */
  permission: string;
}

export const EVERY_RECORD: RecordScope = { departments: 'all', condition: TRUE, permission: '' };

/** `'all'` or department ids (grants only) are accepted where a full scope is expected. */
export const toRecordScope = (scope: RecordScope | 'all' | readonly string[]): RecordScope =>
  scope === 'all' || Array.isArray(scope)
    ? { ...EVERY_RECORD, departments: scope as 'all' | readonly string[] }
    : (scope as RecordScope);

/**
 * The policy condition as SQL over `columns`, or `null` when it allows every record. A condition
 * that names an attribute the list has no column for is refused (409 BIZ003), never ignored.
 */
export function policySql(scope: RecordScope, columns: PolicyColumns, param: Parameter): string | null {
  if (constantOf(scope.condition) === true) return null;
  try {
    return toSql(scope.condition, columns, param);
  } catch (error) {
    if (error instanceof NotTranslatable)
      throw new PolicyNotApplicableToList(scope.permission, error.attribute);
    throw error;
  }
}
