import { DEV_INTROSPECTION_SECRET, InvalidConfiguration, loadConfig } from './app-config';
import { parseRoleMapping } from './oidc-role-mapping';

const ISSUER = 'http://127.0.0.1:8080/realms/erp';
const rule = { claim: 'realm_access.roles', value: 'erp-admin', organization: 'acme', role: 'admin' };

describe('SSO configuration', () => {
  it('has safe defaults and parses the role mapping at boot', () => {
    expect(loadConfig({})).toMatchObject({
      OIDC_ISSUERS: [],
      OIDC_ROLE_MAPPING: [],
      OIDC_CLOCK_SKEW_SECONDS: 30,
      OIDC_JWKS_COOLDOWN_SECONDS: 30,
    });
    const config = loadConfig({
      OIDC_ISSUERS: ISSUER,
      OIDC_AUDIENCE: 'erp-api',
      OIDC_ROLE_MAPPING: JSON.stringify([rule, { ...rule, issuer: ISSUER }]),
    });
    expect(config.OIDC_ROLE_MAPPING).toEqual([rule, { ...rule, issuer: ISSUER }]);
  });

  it('refuses issuers without an audience, and issuers that are not URLs', () => {
    expect(() => loadConfig({ OIDC_ISSUERS: ISSUER })).toThrow(/OIDC_AUDIENCE/);
    expect(() => loadConfig({ OIDC_ISSUERS: 'erp-platform', OIDC_AUDIENCE: 'erp-api' })).toThrow(
      InvalidConfiguration,
    );
  });

  it('names every problem of an invalid role mapping', () => {
    expect(parseRoleMapping('{nope', [ISSUER]).problems).toEqual(['OIDC_ROLE_MAPPING: must be valid JSON']);
    expect(parseRoleMapping('{}', [ISSUER]).problems[0]).toMatch(/must be an array/);
    const { rules, problems } = parseRoleMapping(
      JSON.stringify([
        { ...rule, claim: 'groups' },
        { ...rule, role: '' },
        { ...rule, issuer: 'https://elsewhere.test/realms/x' },
        { ...rule, extra: true },
        'admin',
      ]),
      [ISSUER],
    );
    expect(rules).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^OIDC_ROLE_MAPPING\[0\]\.claim/),
      expect.stringMatching(/^OIDC_ROLE_MAPPING\[1\]\.role/),
      expect.stringMatching(/^OIDC_ROLE_MAPPING\[2\]\.issuer/),
      "OIDC_ROLE_MAPPING[3]: unknown property 'extra'",
      'OIDC_ROLE_MAPPING[4]: must be an object',
    ]);
    expect(() => loadConfig({ OIDC_ROLE_MAPPING: JSON.stringify([rule]) })).toThrow(/OIDC_ISSUERS/);
  });

  it('keeps introspection off by default and requires its client when it is on', () => {
    expect(loadConfig({})).toMatchObject({
      OIDC_INTROSPECTION: false,
      OIDC_INTROSPECTION_CACHE_SECONDS: 30,
      OIDC_INTROSPECTION_CACHE_SIZE: 10_000,
      OIDC_SWAGGER_CLIENT_ID: 'erp-web',
    });
    const sso = { OIDC_ISSUERS: ISSUER, OIDC_AUDIENCE: 'erp-api' };
    const on = {
      ...sso,
      OIDC_INTROSPECTION: 'true',
      OIDC_INTROSPECTION_CLIENT_ID: 'erp-api',
      OIDC_INTROSPECTION_CLIENT_SECRET: 'a-real-secret',
      OIDC_INTROSPECTION_CACHE_SECONDS: '5',
    };
    expect(loadConfig(on)).toMatchObject({ OIDC_INTROSPECTION: true, OIDC_INTROSPECTION_CACHE_SECONDS: 5 });
    expect(() => loadConfig({ ...on, OIDC_INTROSPECTION_CLIENT_SECRET: '' })).toThrow(
      /OIDC_INTROSPECTION_CLIENT_ID, OIDC_INTROSPECTION_CLIENT_SECRET: required/,
    );
    expect(() => loadConfig({ ...on, OIDC_ISSUERS: '', OIDC_AUDIENCE: '' })).toThrow(
      /OIDC_INTROSPECTION: set OIDC_ISSUERS too/,
    );
    expect(() => loadConfig({ ...on, OIDC_INTROSPECTION_CACHE_SECONDS: '301' })).toThrow(
      /OIDC_INTROSPECTION_CACHE_SECONDS/,
    );
    expect(() => loadConfig({ ...on, OIDC_INTROSPECTION_CACHE_SIZE: '0' })).toThrow(
      /OIDC_INTROSPECTION_CACHE_SIZE/,
    );
    const production = { ...on, NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) };
    expect(loadConfig(production).OIDC_INTROSPECTION).toBe(true);
    expect(() =>
      loadConfig({ ...production, OIDC_INTROSPECTION_CLIENT_SECRET: DEV_INTROSPECTION_SECRET }),
    ).toThrow(/development realm secret/);
  });
});
