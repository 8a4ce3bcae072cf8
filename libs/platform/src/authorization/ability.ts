import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { parsePermission } from './permissions';

export type AppAbility = MongoAbility;

/** What one role grant gives: its role's permissions with inherited ones, perhaps narrowed to departments. */
export interface EffectiveGrant {
  permissions: string[];
  /** `null`: organization-wide; otherwise the department and its sub-departments. */
  departmentIds: string[] | null;
  /** The granted role and the department the grant names (for explanations). */
  role?: { id: string; code: string };
  departmentId?: string | null;
}

/** Subjects whose records belong to a department, so a department-narrowed grant can apply to them. */
export const DEPARTMENT_SCOPED_SUBJECTS = new Set(['Department', 'User', 'Project', 'Task']);

/**
 * The caller's ability in one organization: the union of its grants. A narrowed grant applies only
 * to department-scoped records of its departments; a platform administrator may do everything.
 */
export function defineAbility(grants: EffectiveGrant[], platformAdmin: boolean): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (platformAdmin) can('manage', 'all');
  for (const grant of grants) {
    for (const code of grant.permissions) {
      const { action, subject } = parsePermission(code);
      if (grant.departmentIds === null) can(action, subject);
      else if (DEPARTMENT_SCOPED_SUBJECTS.has(subject))
        can(action, subject, { departmentId: { $in: grant.departmentIds } });
    }
  }
  return build();
}

/** The ability outside any organization: read one's own organizations and the catalogue, manage one's own API keys. */
export function definePlatformAbility(platformAdmin: boolean): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (platformAdmin) can('manage', 'all');
  can('read', 'Organization');
  can('read', 'Permission');
  can('read', 'Profile');
  can('manage', 'ApiKey'); // one's own API keys (/me/api-keys)
  return build();
}

/**
 * Which departments a list may show for `action` on `subject`: `'all'`, or the ids a narrowed
 * grant allows (empty: nothing). Derived from the same rules that decide single records.
 */
export function departmentScope(ability: AppAbility, action: string, subject: string): 'all' | string[] {
  const ids = new Set<string>();
  for (const rule of ability.rulesFor(action, subject)) {
    if (rule.inverted) continue;
    const conditions = rule.conditions as { departmentId?: { $in?: string[] } } | undefined;
    if (!conditions) return 'all';
    for (const id of conditions.departmentId?.$in ?? []) ids.add(id);
  }
  return [...ids].sort();
}
