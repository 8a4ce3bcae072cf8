import type { ValidationError } from 'class-validator';
import type { ErrorCode } from './error-registry';

export interface FieldProblem {
  field: string;
  code: 'VAL001' | 'VAL002' | 'VAL003';
  invalidValue: unknown;
  /** Set for a property the endpoint does not accept at all. */
  unknown?: boolean;
}

const RANGE = new Set([
  'min',
  'max',
  'minLength',
  'maxLength',
  'length',
  'arrayMaxSize',
  'arrayMinSize',
  'minDate',
  'maxDate',
  'isPositive',
]);

/** Input that failed validation at the edge (body, query or path), reported field by field. */
export class RequestValidationFailed extends Error {
  readonly code: ErrorCode;
  constructor(readonly problems: FieldProblem[]) {
    super('Request validation failed');
    this.code = problems[0]?.code ?? 'VAL002';
  }
}

const TYPE = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/**
 * One code per field, whatever order the decorators were written in: absent → VAL001, wrong
 * type → VAL002, too long / too large (even if a format check failed with it) → VAL003,
 * any other format failure → VAL002.
 */
function codeOf(error: ValidationError): FieldProblem['code'] {
  const names = Object.keys(error.constraints ?? {});
  if (names.includes('whitelistValidation')) return 'VAL002';
  if (error.value === undefined || error.value === null) return 'VAL001';
  if (names.some((n) => TYPE.has(n))) return 'VAL002';
  return names.some((n) => RANGE.has(n)) ? 'VAL003' : 'VAL002';
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const unknown = Object.hasOwn(error.constraints ?? {}, 'whitelistValidation');
    const own = error.constraints
      ? [
          {
            field,
            code: codeOf(error),
            invalidValue: (error.value as unknown) ?? null,
            ...(unknown ? { unknown } : {}),
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Turns class-validator's tree into one problem per field, missing fields first. */
export function toValidationFailure(errors: ValidationError[]): RequestValidationFailed {
  const order = { VAL001: 0, VAL003: 1, VAL002: 2 };
  return new RequestValidationFailed(flatten(errors).sort((a, b) => order[a.code] - order[b.code]));
}
