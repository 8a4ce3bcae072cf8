/**
 * One rule of `OIDC_ROLE_MAPPING`: a token whose `claim` (a Keycloak role list) contains `value`
 * holds the role `role` (a role code) in the organization whose code is `organization`.
 * `issuer` narrows the rule to one realm of `OIDC_ISSUERS` (default: every realm).
 *
 * Example: `[{"claim":"realm_access.roles","value":"erp-admin","organization":"acme","role":"admin"},
 * {"claim":"resource_access.erp-api.roles","value":"reader","organization":"acme","role":"member"}]`
 */
export interface RoleMappingRule {
  claim: string;
  value: string;
  organization: string;
  role: string;
  issuer?: string;
}

/** `realm_access.roles`, or `resource_access.<client id>.roles` (group 1: the client id). */
export const ROLE_CLAIM = /^(?:realm_access\.roles|resource_access\.(.+)\.roles)$/;

const MAX_RULES = 1000;
const KEYS = new Set(['claim', 'value', 'organization', 'role', 'issuer']);

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max;

function ruleProblems(rule: unknown, index: number, issuers: readonly string[]): string[] {
  const at = `OIDC_ROLE_MAPPING[${index}]`;
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [`${at}: must be an object`];
  const r = rule as Record<string, unknown>;
  const problems = Object.keys(r)
    .filter((k) => !KEYS.has(k))
    .map((k) => `${at}: unknown property '${k}'`);
  if (!isText(r.claim, 300) || !ROLE_CLAIM.test(r.claim))
    problems.push(`${at}.claim: must be 'realm_access.roles' or 'resource_access.<client>.roles'`);
  if (!isText(r.value, 255)) problems.push(`${at}.value: must be a non-empty string`);
  if (!isText(r.organization, 50)) problems.push(`${at}.organization: must be an organization code`);
  if (!isText(r.role, 50)) problems.push(`${at}.role: must be a role code`);
  if (r.issuer !== undefined && (typeof r.issuer !== 'string' || !issuers.includes(r.issuer)))
    problems.push(`${at}.issuer: must be one of OIDC_ISSUERS`);
  return problems;
}

/** Parses and validates `OIDC_ROLE_MAPPING` (JSON); every problem is reported, none is ignored. */
export function parseRoleMapping(
  raw: string | undefined,
  issuers: readonly string[],
): { rules: RoleMappingRule[]; problems: string[] } {
  if (raw === undefined || raw.trim() === '') return { rules: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { rules: [], problems: ['OIDC_ROLE_MAPPING: must be valid JSON'] };
  }
  if (!Array.isArray(parsed) || parsed.length > MAX_RULES)
    return { rules: [], problems: [`OIDC_ROLE_MAPPING: must be an array of at most ${MAX_RULES} rules`] };
  const problems = parsed.flatMap((rule, index) => ruleProblems(rule, index, issuers));
  if (problems.length === 0 && parsed.length > 0 && issuers.length === 0)
    problems.push('OIDC_ROLE_MAPPING: set OIDC_ISSUERS too (the mapping applies to their tokens)');
  if (problems.length > 0) return { rules: [], problems };
  const rules = (parsed as RoleMappingRule[]).map(({ claim, value, organization, role, issuer }) => ({
    claim,
    value,
    organization: organization.trim(),
    role: role.trim(),
    ...(issuer === undefined ? {} : { issuer }),
  }));
  return { rules, problems: [] };
}
