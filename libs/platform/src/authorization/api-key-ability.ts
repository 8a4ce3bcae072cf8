import type { RawRuleOf } from '@casl/ability';
import { ResourceNotFound } from '@erp/kernel';
import type { Principal } from '../auth/principal';
import type { AppAbility } from './ability';
import { toPermissionCode } from './permissions';

type ApiKeyGrant = NonNullable<Principal['apiKey']>;
type Rule = RawRuleOf<AppAbility>;

/**
 * The organization a request made with an API key acts in: always the key's own, also on routes
 * without one in the path. Another organization in the path is answered as missing (404 BIZ002),
 * exactly like an organization the caller is not a member of.
 */
export function apiKeyOrganization(key: ApiKeyGrant, pathOrganizationId: string | null): string {
  if (pathOrganizationId !== null && pathOrganizationId !== key.organizationId)
    throw new ResourceNotFound('Organization');
  return key.organizationId;
}

/** What every key may do whatever its scopes: read its own profile and the permission catalogue. */
const KEY_BASE_RULES: Rule[] = [
  { action: 'read', subject: 'Profile' },
  { action: 'read', subject: 'Permission' },
];

/** Subjects no key reaches, even one without scopes: keys do not manage keys, nor act as administrators. */
const NEVER_FOR_KEYS = new Set(['ApiKey', 'all']);

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

function withinScopes(rule: Rule, scopes: ReadonlySet<string> | null): boolean {
  if (rule.inverted) return true;
  const subjects = listOf(rule.subject);
  if (subjects.some((subject) => NEVER_FOR_KEYS.has(subject))) return false;
  if (scopes === null) return true;
  return listOf(rule.action).every((action) =>
    subjects.every((subject) => scopes.has(toPermissionCode(action, subject))),
  );
}

/**
 * Narrows the owner's ability in the key's organization (built from the owner's current grants)
 * to the key's scopes: a permission rule survives only when its `resource:action` is a scope
 * (`null` scopes: every rule of the owner). Conditions (departments, policies) and denials stay
 * as they are, so a key can never do more than its owner, and loses at once what its owner loses.
 */
export function restrictToApiKey(ability: AppAbility, scopes: readonly string[] | null): AppAbility {
  const allowed = scopes === null ? null : new Set(scopes);
  ability.update([...KEY_BASE_RULES, ...ability.rules.filter((rule) => withinScopes(rule, allowed))]);
  return ability;
}
