import type { RoleMappingRule } from '../../config/oidc-role-mapping';
import { grantsHash, mapRoles, rolesInClaim } from './role-mapping';

const A = 'https://sso.test/realms/a';
const B = 'https://sso.test/realms/b';
const RULES: RoleMappingRule[] = [
  { claim: 'realm_access.roles', value: 'erp-admin', organization: 'Acme', role: 'admin' },
  { claim: 'resource_access.erp.api.roles', value: 'reader', organization: 'acme', role: 'member' },
  { claim: 'realm_access.roles', value: 'erp-admin', organization: 'beta', role: 'admin', issuer: B },
];
const claims = {
  realm_access: { roles: ['erp-admin', 'offline_access'] },
  resource_access: { 'erp.api': { roles: ['reader'] }, account: { roles: ['manage-account'] } },
};

describe('SSO role mapping', () => {
  it('reads realm and client role lists, ignoring anything that is not a list of strings', () => {
    expect(rolesInClaim(claims, 'realm_access.roles')).toEqual(['erp-admin', 'offline_access']);
    expect(rolesInClaim(claims, 'resource_access.erp.api.roles')).toEqual(['reader']);
    expect(rolesInClaim(claims, 'resource_access.missing.roles')).toEqual([]);
    expect(rolesInClaim({ realm_access: { roles: 'erp-admin' } }, 'realm_access.roles')).toEqual([]);
    expect(rolesInClaim({ realm_access: { roles: ['a', 1, null] } }, 'realm_access.roles')).toEqual(['a']);
  });

  it("maps a token's roles to organization roles, honouring rules narrowed to one realm", () => {
    expect(mapRoles(claims, A, RULES)).toEqual({
      grants: [
        { organization: 'acme', role: 'admin' },
        { organization: 'acme', role: 'member' },
      ],
      organizations: ['acme'],
    });
    expect(mapRoles(claims, B, RULES).grants).toContainEqual({ organization: 'beta', role: 'admin' });
    expect(mapRoles({}, B, RULES)).toEqual({ grants: [], organizations: ['acme', 'beta'] });
  });

  it('hashes a set of grants independently of order and duplicates', () => {
    const a = { organization: 'acme', role: 'admin' };
    const b = { organization: 'acme', role: 'member' };
    expect(grantsHash([a, b])).toBe(grantsHash([b, a, b]));
    expect(grantsHash([a])).not.toBe(grantsHash([a, b]));
    expect(grantsHash([])).toMatch(/^[0-9a-f]{64}$/);
  });
});
