import { subject as asSubject } from '@casl/ability';
import { PermissionDenied } from '@erp/kernel';
import { AppAbility, departmentScope } from './ability';
import { toPermissionCode } from './permissions';
import { TRUE } from './policy/evaluate';
import { PolicySet } from './policy/policy-set';
import { RecordScope } from './record-scope';

/** The authenticated caller as the use cases see it: who, in which organization, allowed what. */
export class Actor {
  constructor(
    readonly userId: string,
    readonly platformAdmin: boolean,
    readonly organizationId: string | null,
    readonly ability: AppAbility,
    /** The organization's policies for this caller now; platform administrators are not subject to them. */
    readonly policies: PolicySet = PolicySet.NONE,
    /** Set when the caller authenticated with an API key (which then acts in `organizationId` only). */
    readonly apiKeyId: string | null = null,
  ) {}

  /**
   * May the caller do `action` on `subject` (a type name, or a record of that type)? A grant must
   * give it (for a record: a grant whose departments hold the record) and the organization's
   * policies must let it apply (for a type name: to at least some record).
   */
  can(action: string, subject: string, record?: object): boolean {
    const granted = record
      ? this.ability.can(action, asSubject(subject, { ...record }))
      : this.ability.can(action, subject);
    return granted && (this.platformAdmin || this.policies.allows(action, subject, record));
  }

  /**
   * The grants alone (their departments), without the policies: for the state a record is changed
   * into. Policies decide on the record as stored, so a policy on `status` cannot forbid changing it.
   */
  assertGranted(action: string, subject: string, record: object): void {
    if (!this.ability.can(action, asSubject(subject, { ...record })))
      throw new PermissionDenied(action, subject);
  }

  /** The records of `subject` a list may show for `action`: the same rules as `can`, for SQL. */
  scope(action: string, subject: string): RecordScope {
    return {
      departments: this.departmentScope(action, subject),
      condition: this.platformAdmin ? TRUE : this.policies.conditionFor(action, subject),
      permission: toPermissionCode(action, subject),
    };
  }

  /** Throws AUTH004 unless allowed. */
  assertCan(action: string, subject: string, record?: object): void {
    if (!this.can(action, subject, record)) throw new PermissionDenied(action, subject);
  }

  /** The departments a list of `subject` may show to this caller (`'all'` or ids). */
  departmentScope(action: string, subject: string): 'all' | string[] {
    return departmentScope(this.ability, action, subject);
  }

  /** Every `resource:action` the caller holds at organization level or in some department. */
  get permissions(): string[] {
    const found = new Set<string>();
    for (const rule of this.ability.rules) {
      if (rule.inverted) continue;
      const actions = Array.isArray(rule.action) ? rule.action : [rule.action];
      const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
      for (const a of actions) for (const s of subjects) found.add(toPermissionCode(a, String(s)));
    }
    return [...found].sort();
  }

  requireOrganization(): string {
    if (!this.organizationId) throw new Error('This operation needs an organization in the path');
    return this.organizationId;
  }
}
