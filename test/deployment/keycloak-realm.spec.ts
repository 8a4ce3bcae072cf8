import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_INTROSPECTION_SECRET, DOCS_PATH, loadConfig, parseRoleMapping, ROLE_CLAIM } from '@erp/platform';
import { STANDIN_DEFAULTS } from '@erp/test-support';

/*
 * docker/keycloak/erp-realm.json (imported by docker-compose.yml) against what the API expects
 * by default and what docker-compose.yml configures, so the three cannot drift apart.
 */

interface RealmRole {
  name: string;
}
interface RealmClient {
  clientId: string;
  publicClient: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled?: boolean;
  secret?: string;
  redirectUris?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: { protocolMapper: string; config: Record<string, string> }[];
}
interface RealmUser {
  username: string;
  enabled: boolean;
  credentials?: { type: string; value: string }[];
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
}
interface Realm {
  realm: string;
  enabled: boolean;
  roles: { realm: RealmRole[]; client?: Record<string, RealmRole[]> };
  clients: RealmClient[];
  users: RealmUser[];
}

const ROOT = join(__dirname, '..', '..');
const realm = JSON.parse(readFileSync(join(ROOT, 'docker/keycloak/erp-realm.json'), 'utf8')) as Realm;
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
/** Roles every new organization gets (CreateOrganizationUseCase). */
const BUILT_IN_ROLES = ['admin', 'member'];

/** An environment value of the api service (a plain or single-quoted YAML scalar on one line). */
function composeEnv(name: string): string {
  const match = new RegExp(`^ {6}${name}: (.+)$`, 'm').exec(compose);
  if (!match) throw new Error(`docker-compose.yml sets no ${name}`);
  const raw = match[1].trim();
  return raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
}
const client = (clientId: string): RealmClient => {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`the realm has no client ${clientId}`);
  return found;
};

describe('Keycloak realm import (docker/keycloak/erp-realm.json)', () => {
  const defaults = loadConfig({});
  const issuer = composeEnv('OIDC_ISSUERS');
  const audience = composeEnv('OIDC_AUDIENCE');
  const webClientId = composeEnv('OIDC_SWAGGER_CLIENT_ID');

  it('is the realm docker-compose trusts, with the names the API and the test stand-in use', () => {
    expect(realm.enabled).toBe(true);
    expect(issuer).toBe(`http://keycloak:8080/realms/${realm.realm}`);
    expect({ realm: realm.realm, audience, clientId: webClientId }).toEqual(STANDIN_DEFAULTS);
    expect(webClientId).toBe(defaults.OIDC_SWAGGER_CLIENT_ID);
  });

  it('has a public web client for authorization code with PKCE (S256) only, redirecting to Swagger UI and the web app', () => {
    const web = client(webClientId);
    expect(web).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      attributes: expect.objectContaining({ 'pkce.code.challenge.method': 'S256' }),
    });
    const origins = composeEnv('CORS_ORIGINS').split(',');
    expect(web.redirectUris?.sort()).toEqual(
      [
        `http://localhost:${defaults.PORT}${DOCS_PATH}oauth2-redirect.html`,
        ...origins.map((o) => `${o}/*`),
      ].sort(),
    );
  });

  it('puts the API audience into access tokens, and the API is a client without login flows', () => {
    const mappers = (client(webClientId).protocolMappers ?? []).filter(
      (m) => m.protocolMapper === 'oidc-audience-mapper',
    );
    expect(mappers.map((m) => m.config)).toEqual([
      expect.objectContaining({ 'included.client.audience': audience, 'access.token.claim': 'true' }),
    ]);
    // The audience must be a client of the realm; its secret is only for token introspection.
    expect(client(audience)).toMatchObject({
      publicClient: false,
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      secret: DEV_INTROSPECTION_SECRET,
    });
  });

  it("defines every role docker-compose's OIDC_ROLE_MAPPING names, and demo users holding each of them", () => {
    const { rules, problems } = parseRoleMapping(composeEnv('OIDC_ROLE_MAPPING'), [issuer]);
    expect(problems).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
    const defined = (claim: string): string[] => {
      const clientId = ROLE_CLAIM.exec(claim)?.[1];
      const roles = clientId ? realm.roles.client?.[clientId] : realm.roles.realm;
      return (roles ?? []).map((r) => r.name);
    };
    const held = (user: RealmUser, claim: string): string[] => {
      const clientId = ROLE_CLAIM.exec(claim)?.[1];
      return (clientId ? user.clientRoles?.[clientId] : user.realmRoles) ?? [];
    };
    for (const rule of rules) {
      expect({ rule, defined: defined(rule.claim).includes(rule.value) }).toEqual({ rule, defined: true });
      expect({ rule, builtIn: BUILT_IN_ROLES.includes(rule.role) }).toEqual({ rule, builtIn: true });
      const holders = realm.users.filter((u) => held(u, rule.claim).includes(rule.value));
      expect({ rule, holders: holders.length > 0 }).toEqual({ rule, holders: true });
    }
    for (const user of realm.users) {
      expect(user.enabled).toBe(true);
      expect(user.credentials?.some((c) => c.type === 'password' && c.value.length >= 12)).toBe(true);
      const mapped = rules.some((rule) => held(user, rule.claim).includes(rule.value));
      expect({ user: user.username, mapped }).toEqual({ user: user.username, mapped: true });
    }
  });
});
