import { Expr } from './expression';

/** Resource attribute name (`department`, as in `resource.department`) → SQL column expression of the list. */
export type PolicyColumns = Readonly<Record<string, string>>;

/** Adds a value as the next query parameter and returns its placeholder (`$n`). */
export type Parameter = (value: unknown) => string;

/** A condition that refers to something a list query cannot express (so lists refuse it, loudly). */
export class NotTranslatable extends Error {
  constructor(readonly attribute: string) {
    super(`'${attribute}' has no column in this list`);
  }
}

type Compare = Extract<Expr, { kind: 'compare' }>;

/**
 * Translates a condition reduced to the record's attributes into a SQL boolean expression. Values
 * travel only as parameters; the SQL text holds column expressions chosen by the code, operators
 * and `true`/`false`. Comparisons are two-valued like the evaluator's (`null` equals only `null`,
 * is never ordered, never in a list), so `not` means the same on both sides.
 */
export function toSql(expr: Expr, columns: PolicyColumns, param: Parameter): string {
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value !== 'boolean') throw new Error('A bare value is not a condition');
      return expr.value ? 'true' : 'false';
    case 'attribute':
      throw new Error('A bare attribute is not a condition');
    case 'not':
      return `(not ${toSql(expr.operand, columns, param)})`;
    case 'logical':
      return `(${expr.operands.map((o) => toSql(o, columns, param)).join(` ${expr.op} `)})`;
    case 'compare':
      return comparison(expr, columns, param);
  }
}

function operand(expr: Expr, columns: PolicyColumns, param: Parameter, cast: string): string {
  if (expr.kind === 'literal') return expr.value === null ? 'null' : `${param(expr.value)}::${cast}`;
  if (expr.kind !== 'attribute' || !expr.name.startsWith('resource.'))
    throw new NotTranslatable(nameOf(expr));
  const column = columns[expr.name.slice('resource.'.length)];
  if (!column) throw new NotTranslatable(expr.name);
  return column;
}

const nameOf = (expr: Expr): string => (expr.kind === 'attribute' ? expr.name : expr.kind);

/** An enumeration's position (1-based; `null` when absent) so levels and priorities order as declared. */
function ordinal(expr: Expr, order: readonly string[], columns: PolicyColumns, param: Parameter): string {
  if (expr.kind === 'literal') {
    const position = order.indexOf(expr.value as string) + 1;
    return position > 0 ? `${param(position)}::int` : 'null::int';
  }
  return `array_position(${param(order)}::text[], ${operand(expr, columns, param, 'text')}::text)`;
}

function comparison(expr: Compare, columns: PolicyColumns, param: Parameter): string {
  const cast = expr.cast ?? 'text';
  if (expr.op === 'in') {
    if (expr.right.kind !== 'literal' || !Array.isArray(expr.right.value))
      throw new NotTranslatable(nameOf(expr.right));
    if (expr.right.value.length === 0) return 'false';
    const left = operand(expr.left, columns, param, cast);
    return `coalesce(${left} = any(${param(expr.right.value)}::${cast}[]), false)`;
  }
  if (expr.op === '==' || expr.op === '!=') {
    const [a, b] = [expr.left, expr.right].map((o) => operand(o, columns, param, cast));
    return `(${a} is ${expr.op === '==' ? 'not ' : ''}distinct from ${b})`;
  }
  const [a, b] = expr.order
    ? [expr.left, expr.right].map((o) => ordinal(o, expr.order!, columns, param))
    : [expr.left, expr.right].map((o) => operand(o, columns, param, cast));
  return `coalesce(${a} ${expr.op} ${b}, false)`;
}
