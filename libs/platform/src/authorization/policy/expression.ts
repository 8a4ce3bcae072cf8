/**
 * The policy condition language: a tiny, closed grammar parsed by hand (no `eval`, no JS parser):
 *
 *   condition  := or
 *   or         := and ( "or" and )*
 *   and        := not ( "and" not )*
 *   not        := "not" not | comparison
 *   comparison := operand ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in" ) operand )?
 *   operand    := literal | list | attribute | "(" condition ")"
 *   attribute  := name ( "." name )+          (only allow-listed names survive the type check)
 *   literal    := 'text' | "text" | number | true | false | null
 *   list       := "[" ( literal ( "," literal )* )? "]"
 *
 * Keywords are case-insensitive (`AND`, `or`, `True`). Anything else, a function call included,
 * is a syntax error that says where.
 */

export type Scalar = string | number | boolean | null;
export type Value = Scalar | readonly Scalar[];
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

export type Expr =
  | { kind: 'literal'; value: Value; at: number }
  | { kind: 'attribute'; name: string; at: number }
  | { kind: 'not'; operand: Expr; at: number }
  | { kind: 'logical'; op: 'and' | 'or'; operands: Expr[]; at: number }
  | {
      kind: 'compare';
      op: CompareOp;
      left: Expr;
      right: Expr;
      at: number;
      /** Set by the type check: the SQL type values are compared as, and an enumeration's order. */
      cast?: 'uuid' | 'text' | 'numeric';
      order?: readonly string[];
    };

/** Where and why a condition is not valid; `position` is a 0-based character offset. */
export class ConditionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'ConditionError';
  }
}

export const MAX_CONDITION_LENGTH = 2000;
const MAX_DEPTH = 32;
const MAX_LIST = 200;

type TokenKind = 'name' | 'string' | 'number' | 'op' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  value?: string | number;
  at: number;
}

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', ',', '.'];
const HINTS: Record<string, string> = {
  '=': "use '==' to compare",
  '&': "use 'and'",
  '|': "use 'or'",
  '!': "use 'not' or '!='",
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ kind: 'name', text: name, at });
      i += name.length;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const text = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))![0];
      if (/[A-Za-z_]/.test(source[i + text.length] ?? '')) throw new ConditionError('Malformed number', at);
      tokens.push({ kind: 'number', text, value: Number(text), at });
      i += text.length;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (source[i] !== c) {
        if (i >= source.length) throw new ConditionError('Unterminated string', at);
        if (source[i] === '\\') {
          const next = source[i + 1];
          if (next !== '\\' && next !== "'" && next !== '"')
            throw new ConditionError('Unknown escape in string', i);
          value += next;
          i += 2;
        } else value += source[i++];
      }
      i++;
      tokens.push({ kind: 'string', text: source.slice(at, i), value, at });
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) throw new ConditionError(`Unexpected '${c}'${HINTS[c] ? `: ${HINTS[c]}` : ''}`, at);
      tokens.push({ kind: 'op', text: op, at });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: 'end of condition', at: source.length });
  return tokens;
}

const keyword = (t: Token, word: string): boolean => t.kind === 'name' && t.text.toLowerCase() === word;
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);
const describe = (t: Token): string => (t.kind === 'end' ? 'the end of the condition' : `'${t.text}'`);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private get peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private fail(expected: string, t = this.peek): never {
    throw new ConditionError(`Expected ${expected} but found ${describe(t)}`, t.at);
  }
  private expectOp(op: string, what = `'${op}'`): Token {
    if (this.peek.kind !== 'op' || this.peek.text !== op) this.fail(what);
    return this.next();
  }

  parse(): Expr {
    const expr = this.or();
    if (this.peek.kind !== 'end') this.fail("'and', 'or' or the end of the condition");
    return expr;
  }

  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ConditionError('Condition is nested too deeply', at);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private or(): Expr {
    return this.logical('or', () => this.and());
  }
  private and(): Expr {
    return this.logical('and', () => this.not());
  }
  private logical(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    const operands = [first];
    while (keyword(this.peek, op)) {
      this.next();
      operands.push(operand());
    }
    return operands.length === 1 ? first : { kind: 'logical', op, operands, at: first.at };
  }
  private not(): Expr {
    if (!keyword(this.peek, 'not')) return this.comparison();
    const at = this.next().at;
    return this.nested(at, () => ({ kind: 'not', operand: this.not(), at }));
  }
  private comparison(): Expr {
    const left = this.operand();
    const t = this.peek;
    let op: CompareOp | null = null;
    let negate = false;
    if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) op = t.text as CompareOp;
    else if (keyword(t, 'in')) op = 'in';
    else if (keyword(t, 'not') && keyword(this.tokens[this.i + 1], 'in')) {
      this.next();
      op = 'in';
      negate = true;
    }
    if (!op) return left;
    this.next();
    const compare: Expr = { kind: 'compare', op, left, right: this.operand(), at: t.at };
    return negate ? { kind: 'not', operand: compare, at: t.at } : compare;
  }
  private operand(): Expr {
    const t = this.next();
    if (t.kind === 'string' || t.kind === 'number') return { kind: 'literal', value: t.value!, at: t.at };
    if (t.kind === 'op' && t.text === '(')
      return this.nested(t.at, () => {
        const inner = this.or();
        this.expectOp(')', "')'");
        return inner;
      });
    if (t.kind === 'op' && t.text === '[') return this.list(t.at);
    if (t.kind === 'name') {
      const word = t.text.toLowerCase();
      if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', at: t.at };
      if (word === 'null') return { kind: 'literal', value: null, at: t.at };
      if (KEYWORDS.has(word)) this.fail('a value or an attribute', t);
      return this.attribute(t);
    }
    return this.fail('a value or an attribute', t);
  }
  private attribute(first: Token): Expr {
    const parts = [first.text];
    while (this.peek.kind === 'op' && this.peek.text === '.') {
      this.next();
      const part = this.next();
      if (part.kind !== 'name') this.fail('an attribute name', part);
      parts.push(part.text);
    }
    if (this.peek.kind === 'op' && this.peek.text === '(')
      throw new ConditionError(`Function calls are not allowed ('${parts.join('.')}(...)')`, this.peek.at);
    if (parts.length === 1) throw new ConditionError(`Unknown name '${first.text}'`, first.at);
    return { kind: 'attribute', name: parts.join('.'), at: first.at };
  }
  private list(at: number): Expr {
    const items: Scalar[] = [];
    if (this.peek.kind === 'op' && this.peek.text === ']') {
      this.next();
      return { kind: 'literal', value: items, at };
    }
    for (;;) {
      const item = this.operand();
      if (item.kind !== 'literal' || item.value === null || Array.isArray(item.value))
        throw new ConditionError('A list may only hold texts, numbers and booleans', item.at);
      if (items.length >= MAX_LIST)
        throw new ConditionError(`A list holds at most ${MAX_LIST} values`, item.at);
      items.push(item.value as Scalar);
      if (this.peek.kind === 'op' && this.peek.text === ']') break;
      this.expectOp(',', "',' or ']'");
    }
    this.next();
    return { kind: 'literal', value: items, at };
  }
}

/** Parses a condition into its syntax tree; throws `ConditionError` saying where it went wrong. */
export function parseCondition(source: string): Expr {
  if (source.length > MAX_CONDITION_LENGTH)
    throw new ConditionError(
      `A condition is at most ${MAX_CONDITION_LENGTH} characters`,
      MAX_CONDITION_LENGTH,
    );
  return new Parser(tokenize(source)).parse();
}
