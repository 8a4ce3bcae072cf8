import { parsePermission, toPermissionCode } from '../permissions';
import { ContextValues, contextBindings, ResourceAttributes } from './attributes';
import { constantOf, FALSE, holds, Lookup, reduce, TRUE } from './evaluate';
import { ConditionError, Expr, parseCondition } from './expression';
import { checkCondition } from './type-check';

export type PolicyEffect = 'allow' | 'deny';

/** A policy as stored: attached to one permission code, with a condition in the policy language. */
export interface PolicyDefinition {
  id: string;
  name: string;
  permission: string;
  effect: PolicyEffect;
  condition: string;
}

/** One policy with its condition reduced for the caller and the moment (what is left is about the record). */
export interface PolicyOutcome {
  policy: PolicyDefinition;
  condition: Expr;
}

interface Compiled {
  allow: PolicyOutcome[];
  deny: PolicyOutcome[];
  /** When the policies let the permission apply: (any allow, if there is one) and no deny. */
  condition: Expr;
}

const compiledConditions = new Map<string, Expr>();

/**
 * Parses and type-checks a condition for a permission's subject (throws `ConditionError`).
 * Conditions are immutable text, so checked trees are cached (bounded) across requests.
 */
export function compileCondition(source: string, subject: string, resource: ResourceAttributes): Expr {
  const key = `${subject}\u0000${source}`;
  const cached = compiledConditions.get(key);
  if (cached) return cached;
  const checked = checkCondition(parseCondition(source), resource);
  if (compiledConditions.size >= 1000) compiledConditions.clear();
  compiledConditions.set(key, checked);
  return checked;
}

/** `resource.<name>` → the record's property named by the subject's attribute (missing → `null`). */
export function recordLookup(record: object, resource: ResourceAttributes): Lookup {
  const values = record as Record<string, unknown>;
  return (name) => {
    if (!name.startsWith('resource.')) return undefined;
    const attribute = resource[name.slice('resource.'.length)];
    return attribute ? (values[attribute.field] ?? null) : null;
  };
}

/**
 * The organization's policies for one caller at one moment. How they combine, per permission:
 * with no policy the permission applies as granted; allow policies narrow it to the records for
 * which at least one of them holds; a deny policy refuses it wherever it holds (deny wins).
 * Policies only ever narrow what the role grants give; they never grant.
 */
export class PolicySet {
  static readonly NONE = new PolicySet([], null, () => ({}));

  private readonly byPermission = new Map<string, PolicyDefinition[]>();
  private readonly compiled = new Map<string, Compiled>();
  private readonly known: Lookup;

  constructor(
    definitions: readonly PolicyDefinition[],
    /** Who the caller is and when (`null`: no caller, as in `NONE`). */
    readonly context: ContextValues | null,
    readonly attributesOf: (subject: string) => ResourceAttributes,
  ) {
    for (const d of definitions) {
      const list = this.byPermission.get(d.permission) ?? [];
      list.push(d);
      this.byPermission.set(d.permission, list);
    }
    const bindings = context ? contextBindings(context) : {};
    this.known = (name) => (name in bindings ? bindings[name] : undefined);
  }

  /** The condition on the record under which the policies let `action` on `subject` apply. */
  conditionFor(action: string, subject: string): Expr {
    return this.compile(action, subject).condition;
  }

  /** Each policy of the permission with its condition reduced for this caller and moment. */
  outcomes(action: string, subject: string): { allow: PolicyOutcome[]; deny: PolicyOutcome[] } {
    const { allow, deny } = this.compile(action, subject);
    return { allow, deny };
  }

  /** Without a record: could the permission apply to some record? With one: does it apply to this one? */
  allows(action: string, subject: string, record?: object): boolean {
    const condition = this.conditionFor(action, subject);
    if (!record) return constantOf(condition) !== false;
    return holds(condition, recordLookup(record, this.attributesOf(subject)));
  }

  private compile(action: string, subject: string): Compiled {
    const code = toPermissionCode(action, subject);
    let compiled = this.compiled.get(code);
    if (compiled) return compiled;
    const outcomes = (this.byPermission.get(code) ?? []).map((policy) => ({
      policy,
      condition: this.reduced(policy, subject),
    }));
    const allow = outcomes.filter((o) => o.policy.effect === 'allow');
    const deny = outcomes.filter((o) => o.policy.effect === 'deny');
    const parts: Expr[] = [];
    if (allow.length > 0)
      parts.push({ kind: 'logical', op: 'or', operands: allow.map((o) => o.condition), at: 0 });
    if (deny.length > 0)
      parts.push({
        kind: 'not',
        operand: { kind: 'logical', op: 'or', operands: deny.map((o) => o.condition), at: 0 },
        at: 0,
      });
    const condition = reduce({ kind: 'logical', op: 'and', operands: parts, at: 0 }, () => undefined);
    compiled = { allow, deny, condition };
    this.compiled.set(code, compiled);
    return compiled;
  }

  /** A stored condition that no longer checks (say, an attribute was retired) fails closed. */
  private reduced(policy: PolicyDefinition, subject: string): Expr {
    try {
      const checked = compileCondition(policy.condition, subject, this.attributesOf(subject));
      return reduce(checked, this.known);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      return policy.effect === 'allow' ? FALSE : TRUE;
    }
  }
}

/** The subject a permission code is about (`task:read` → `Task`). */
export const subjectOf = (permission: string): string => parsePermission(permission).subject;
