import { AttributeType, CONTEXT_ATTRIBUTES, ResourceAttributes } from './attributes';
import { ConditionError, Expr, Scalar } from './expression';

type Compare = Extract<Expr, { kind: 'compare' }>;
type Literal = Extract<Expr, { kind: 'literal' }>;
type Operand = { expr: Literal; type: null } | { expr: Expr; type: AttributeType };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORDERING = new Set(['<', '<=', '>', '>=']);

/**
 * Checks a parsed condition against the allow-listed attributes (the context ones and the
 * subject's `resource.*`), and that every comparison compares like with like. Returns the tree
 * with comparisons annotated for evaluation and SQL (cast, enumeration order) and ids lower-cased.
 */
export function checkCondition(expr: Expr, resource: ResourceAttributes): Expr {
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'boolean') return expr;
      throw new ConditionError('Expected a condition, found a value', expr.at);
    case 'attribute':
      throw new ConditionError(`Expected a condition: compare '${expr.name}' with something`, expr.at);
    case 'not':
      return { ...expr, operand: checkCondition(expr.operand, resource) };
    case 'logical':
      return { ...expr, operands: expr.operands.map((o) => checkCondition(o, resource)) };
    case 'compare':
      return checkComparison(expr, resource);
  }
}

function attributeType(name: string, at: number, resource: ResourceAttributes): AttributeType {
  const known = name.startsWith('resource.')
    ? resource[name.slice('resource.'.length)]
    : CONTEXT_ATTRIBUTES[name];
  if (known) return known.type;
  const names = [...Object.keys(CONTEXT_ATTRIBUTES), ...Object.keys(resource).map((n) => `resource.${n}`)];
  throw new ConditionError(`Unknown attribute '${name}' (known: ${names.join(', ')})`, at);
}

function operand(expr: Expr, resource: ResourceAttributes): Operand {
  if (expr.kind === 'literal') return { expr, type: null };
  if (expr.kind === 'attribute') return { expr, type: attributeType(expr.name, expr.at, resource) };
  throw new ConditionError('Compare attributes and values, not conditions', expr.at);
}

const typeName = (t: AttributeType): string =>
  t.kind === 'enum'
    ? `one of ${t.values.map((v) => `'${v}'`).join(', ')}`
    : t.kind === 'id'
      ? 'an id'
      : t.kind;

/** A literal compared with a value of type `type`, normalized (ids lower-cased); throws when it cannot match. */
function literalFor(type: AttributeType | 'text', value: Scalar, at: number, allowNull: boolean): Scalar {
  if (value === null && allowNull) return null;
  const kind = typeof type === 'string' ? type : type.kind;
  if (kind === 'id' && typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
  if (kind === 'number' && typeof value === 'number') return value;
  if (kind === 'text' && typeof value === 'string') return value;
  if (
    typeof type !== 'string' &&
    type.kind === 'enum' &&
    typeof value === 'string' &&
    type.values.includes(value)
  )
    return value;
  const expected = typeof type === 'string' ? 'a text' : typeName(type);
  throw new ConditionError(`Expected ${expected} but found ${JSON.stringify(value)}`, at);
}

const sameType = (a: AttributeType, b: AttributeType): boolean => JSON.stringify(a) === JSON.stringify(b);
const castOf = (t: AttributeType | 'text'): 'uuid' | 'text' | 'numeric' =>
  t === 'text' ? 'text' : t.kind === 'id' ? 'uuid' : t.kind === 'number' ? 'numeric' : 'text';

function checkComparison(expr: Compare, resource: ResourceAttributes): Expr {
  const left = operand(expr.left, resource);
  const right = operand(expr.right, resource);
  if (expr.op === 'in') return checkMembership(expr, left, right);
  for (const side of [left, right])
    if (side.type?.kind === 'list' || Array.isArray(side.expr.kind === 'literal' && side.expr.value))
      throw new ConditionError(`Use 'in' to test membership in a list`, side.expr.at);
  const ordering = ORDERING.has(expr.op);
  if (left.type === null && right.type === null) {
    const [a, b] = [left.expr.value, right.expr.value];
    const comparable = ordering
      ? typeof a === 'number' && typeof b === 'number'
      : a === null || b === null || typeof a === typeof b;
    if (!comparable)
      throw new ConditionError(`Cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}`, expr.at);
    return { ...expr, cast: typeof a === 'number' ? 'numeric' : 'text' };
  }
  const type = (left.type ?? right.type)!;
  if (ordering && !(type.kind === 'number' || (type.kind === 'enum' && type.ordered)))
    throw new ConditionError(`'${expr.op}' compares numbers and levels only, not ${typeName(type)}`, expr.at);
  const fit = (side: Operand): Expr => {
    if (side.type === null)
      return { ...side.expr, value: literalFor(type, side.expr.value as Scalar, side.expr.at, !ordering) };
    if (!sameType(side.type, type))
      throw new ConditionError(`Cannot compare ${typeName(side.type)} with ${typeName(type)}`, side.expr.at);
    return side.expr;
  };
  return {
    ...expr,
    left: fit(left),
    right: fit(right),
    cast: castOf(type),
    ...(ordering && type.kind === 'enum' ? { order: type.values } : {}),
  };
}

function checkMembership(expr: Compare, left: Operand, right: Operand): Expr {
  if (left.type?.kind === 'list' || (left.type === null && Array.isArray(left.expr.value)))
    throw new ConditionError("The left side of 'in' must be a single value", left.expr.at);
  if (right.type === null && !Array.isArray(right.expr.value))
    throw new ConditionError("The right side of 'in' must be a list", right.expr.at);
  if (right.type !== null && right.type.kind !== 'list')
    throw new ConditionError("The right side of 'in' must be a list", right.expr.at);
  // The element type: the list attribute's, else the left attribute's, else the left literal's.
  const element: AttributeType | 'text' =
    right.type?.kind === 'list'
      ? right.type.of === 'id'
        ? { kind: 'id' }
        : 'text'
      : (left.type ?? (typeof left.expr.value === 'number' ? { kind: 'number' } : 'text'));
  if (left.type !== null && right.type !== null && !(element !== 'text' && sameType(left.type, element)))
    throw new ConditionError(`Cannot look for ${typeName(left.type)} in this list`, left.expr.at);
  const newLeft =
    left.type === null
      ? { ...left.expr, value: literalFor(element, left.expr.value as Scalar, left.expr.at, true) }
      : left.expr;
  const newRight =
    right.type === null
      ? {
          ...right.expr,
          value: (right.expr.value as Scalar[]).map((v) => literalFor(element, v, right.expr.at, false)),
        }
      : right.expr;
  return { ...expr, left: newLeft, right: newRight, cast: castOf(element) };
}
