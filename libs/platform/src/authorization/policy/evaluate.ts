import { CompareOp, Expr, Scalar, Value } from './expression';

/** An attribute's value, or `undefined` when it is not known yet (a record's, before it is loaded). */
export type Lookup = (attribute: string) => unknown;

export const TRUE: Expr = { kind: 'literal', value: true, at: 0 };
export const FALSE: Expr = { kind: 'literal', value: false, at: 0 };

/** Two-valued comparison: `null` equals only `null`, is never ordered and never in a list. */
export function compareValues(op: CompareOp, a: Value, b: Value, order?: readonly string[]): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case 'in':
      return a !== null && Array.isArray(b) && b.includes(a);
  }
  if (a === null || b === null) return false;
  const x = order ? order.indexOf(a as string) : a;
  const y = order ? order.indexOf(b as string) : b;
  if (typeof x !== 'number' || typeof y !== 'number' || (order && (x < 0 || y < 0))) return false;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

const isLiteral = (e: Expr): e is Extract<Expr, { kind: 'literal' }> => e.kind === 'literal';

function toValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toValue(v) as Scalar);
  return value as Scalar;
}

/**
 * Replaces every attribute `lookup` knows by its value and folds what becomes constant. With the
 * caller and the time known, what remains is a condition on the record only (`TRUE`/`FALSE` when
 * it does not depend on the record): evaluated per record, or translated to SQL for lists.
 */
export function reduce(expr: Expr, lookup: Lookup): Expr {
  switch (expr.kind) {
    case 'literal':
      return expr;
    case 'attribute': {
      const value = lookup(expr.name);
      return value === undefined ? expr : { kind: 'literal', value: toValue(value), at: expr.at };
    }
    case 'not': {
      const operand = reduce(expr.operand, lookup);
      return isLiteral(operand) ? (operand.value ? FALSE : TRUE) : { ...expr, operand };
    }
    case 'logical': {
      const absorbing = expr.op === 'or';
      const kept: Expr[] = [];
      for (const o of expr.operands) {
        const r = reduce(o, lookup);
        if (isLiteral(r)) {
          if (r.value === absorbing) return absorbing ? TRUE : FALSE;
        } else kept.push(r);
      }
      if (kept.length === 0) return absorbing ? FALSE : TRUE;
      return kept.length === 1 ? kept[0] : { ...expr, operands: kept };
    }
    case 'compare': {
      const left = reduce(expr.left, lookup);
      const right = reduce(expr.right, lookup);
      if (isLiteral(left) && isLiteral(right))
        return compareValues(expr.op, left.value, right.value, expr.order) ? TRUE : FALSE;
      return { ...expr, left, right };
    }
  }
}

/** Whether a condition holds when `lookup` knows every attribute it uses. */
export function holds(expr: Expr, lookup: Lookup): boolean {
  const result = reduce(expr, lookup);
  if (!isLiteral(result)) throw new Error('A condition used an attribute that has no value');
  return result.value === true;
}

/** `TRUE`, `FALSE`, or `undefined` for a condition that depends on the record. */
export function constantOf(expr: Expr): boolean | undefined {
  return isLiteral(expr) ? expr.value === true : undefined;
}

/** Names of the attributes a condition still refers to. */
export function attributesOf(expr: Expr, found = new Set<string>()): Set<string> {
  if (expr.kind === 'attribute') found.add(expr.name);
  else if (expr.kind === 'not') attributesOf(expr.operand, found);
  else if (expr.kind === 'logical') expr.operands.forEach((o) => attributesOf(o, found));
  else if (expr.kind === 'compare') [expr.left, expr.right].forEach((o) => attributesOf(o, found));
  return found;
}
