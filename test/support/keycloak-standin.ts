import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CryptoKey, decodeJwt, exportJWK, exportSPKI, generateKeyPair, JWK, JWTPayload, SignJWT } from 'jose';
import { introspect } from './keycloak-introspection';

/*
 * A Keycloak realm on loopback for tests, hand-written on node:http + jose (adapted from
 * ../shared/reference/keycloak-standin.mjs, without oidc-provider): discovery, JWKS at
 * /protocol/openid-connect/certs, and a token endpoint with Keycloak's direct access grant
 * (password) for the public client `erp-web`. Access tokens are RS256 with Keycloak's claims
 * (`typ: Bearer`, `azp`, `sid`, `preferred_username`, `realm_access.roles`,
 * `resource_access.<client>.roles`); refresh tokens are HS512 with `typ: Refresh`, ID tokens RS256
 * with `typ: ID` and the client as audience, as Keycloak issues them. `mint` signs arbitrary
 * claims and headers for negative tests; `rotateKey`, `stop` and `restart` drive key rotation
 * and outages. RFC 7662 introspection (`/token/introspect`) authenticates confidential clients
 * (`introspectionClients`, by default the audience with `STANDIN_INTROSPECTION_SECRET`); `revoke`
 * makes a token inactive and `introspectionFailure` makes the endpoint answer with an error.
 */

/** The realm, API audience and public web client the stand-in uses unless told otherwise (as docker/keycloak/erp-realm.json). */
export const STANDIN_DEFAULTS = { realm: 'erp', audience: 'erp-api', clientId: 'erp-web' } as const;

/** The secret of the stand-in's default introspection client (the audience, `erp-api`). */
export const STANDIN_INTROSPECTION_SECRET = 'standin-introspection-secret-5b1e07c3';

export interface StandinUser {
  id: string;
  username: string;
  password: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  realmRoles?: string[];
  /** Client roles by client id (`resource_access.<client>.roles`). */
  clientRoles?: Record<string, string[]>;
}

export interface KeycloakStandinOptions {
  realm?: string;
  /** What the audience mapper adds to access tokens (the API's `OIDC_AUDIENCE`). */
  audience?: string;
  /** The public client of the web application. */
  clientId?: string;
  accessTokenTtlSeconds?: number;
  users?: StandinUser[];
  /** Confidential clients that may introspect: client id → secret. */
  introspectionClients?: Record<string, string>;
}

export interface MintOptions {
  /** Merged over the protected header `{ alg: 'RS256', typ: 'JWT', kid }`. */
  header?: Record<string, unknown>;
  /** Signs with this key instead of the realm's current one (the header's `kid` stays as given). */
  key?: CryptoKey;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

const KC = '/protocol/openid-connect';
const now = (): number => Math.floor(Date.now() / 1000);
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

export class KeycloakStandin {
  /** Requests served, by kind: tests assert how often the API asked for keys. */
  readonly requests = { discovery: 0, jwks: 0, token: 0, introspection: 0 };
  /** When set, the introspection endpoint answers with this status and no body worth reading. */
  introspectionFailure: number | null = null;
  readonly realm: string;
  readonly audience: string;
  readonly clientId: string;
  private readonly ttl: number;
  private readonly users = new Map<string, StandinUser>();
  private readonly refreshSecret = randomUUID();
  private readonly introspectionClients: Record<string, string>;
  private readonly revoked = new Set<string>();
  private readonly server: Server;
  private keys: SigningKey[] = [];
  private port = 0;

  private constructor(options: KeycloakStandinOptions) {
    this.realm = options.realm ?? STANDIN_DEFAULTS.realm;
    this.audience = options.audience ?? STANDIN_DEFAULTS.audience;
    this.clientId = options.clientId ?? STANDIN_DEFAULTS.clientId;
    this.ttl = options.accessTokenTtlSeconds ?? 300;
    for (const user of options.users ?? []) this.users.set(user.username, user);
    this.introspectionClients = options.introspectionClients ?? {
      [this.audience]: STANDIN_INTROSPECTION_SECRET,
    };
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: KeycloakStandinOptions = {}): Promise<KeycloakStandin> {
    const standin = new KeycloakStandin(options);
    standin.keys = [await newSigningKey()];
    await standin.listen(0);
    return standin;
  }

  get issuer(): string {
    return `http://127.0.0.1:${this.port}/realms/${this.realm}`;
  }

  get currentKid(): string {
    return this.keys[0].kid;
  }

  /** The realm's current public key as PEM (what an attacker would use as an HMAC secret). */
  publicKeyPem(): Promise<string> {
    return exportSPKI(this.keys[0].publicKey);
  }

  /** A new signing key becomes current; the previous one stays published unless `dropPrevious`. */
  async rotateKey(options: { dropPrevious?: boolean } = {}): Promise<string> {
    const key = await newSigningKey();
    this.keys = options.dropPrevious ? [key] : [key, ...this.keys];
    return key.kid;
  }

  /** Revokes an access token (as logging out its session would): introspection says `active: false`. */
  revoke(token: string): void {
    this.revoked.add(String(decodeJwt(token).jti));
  }

  /** Simulates an outage: the port refuses connections until `restart`. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  restart(): Promise<void> {
    return this.listen(this.port);
  }

  /** Keycloak's access token claims for a user (overrides merged over them). */
  accessClaims(username: string, overrides: Record<string, unknown> = {}): JWTPayload {
    const user = this.user(username);
    const iat = now();
    return {
      exp: iat + this.ttl,
      iat,
      jti: randomUUID(),
      iss: this.issuer,
      aud: [this.audience, 'account'],
      sub: user.id,
      typ: 'Bearer',
      azp: this.clientId,
      sid: randomUUID(),
      acr: '1',
      scope: 'openid profile email',
      email_verified: user.emailVerified ?? true,
      preferred_username: user.username,
      ...(user.name ? { name: user.name } : {}),
      ...(user.email ? { email: user.email } : {}),
      realm_access: { roles: ['default-roles-' + this.realm, ...(user.realmRoles ?? [])] },
      resource_access: Object.fromEntries(
        Object.entries(user.clientRoles ?? {}).map(([client, roles]) => [client, { roles }]),
      ),
      ...overrides,
    };
  }

  /** An access token for a user, as the realm would issue it (claims may be overridden). */
  accessToken(username: string, overrides: Record<string, unknown> = {}, options: MintOptions = {}) {
    return this.mint(this.accessClaims(username, overrides), options);
  }

  /** Signs any claims, RS256 with the current key unless told otherwise. */
  mint(payload: JWTPayload, options: MintOptions = {}): Promise<string> {
    const header = { alg: 'RS256', typ: 'JWT', kid: this.currentKid, ...options.header };
    return new SignJWT(payload).setProtectedHeader(header).sign(options.key ?? this.keys[0].privateKey);
  }

  /** An unsecured JWT (`alg: none`, no signature). */
  unsigned(payload: JWTPayload): string {
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
  }

  /** The key-confusion attack: HS256 keyed with the realm's public key PEM. */
  async hmacWithPublicKey(payload: JWTPayload): Promise<string> {
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: this.currentKid })}.${b64(payload)}`;
    const signature = createHmac('sha256', await this.publicKeyPem())
      .update(input)
      .digest('base64url');
    return `${input}.${signature}`;
  }

  /** Direct access grant, like `POST <issuer>/protocol/openid-connect/token` with `grant_type=password`. */
  async passwordGrant(username: string, password: string) {
    const res = await fetch(`${this.issuer}${KC}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: this.clientId, username, password }),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, string | number>,
    };
  }

  private user(username: string): StandinUser {
    const user = this.users.get(username);
    if (!user) throw new Error(`stand-in: no user ${username}`);
    return user;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const prefix = `/realms/${this.realm}`;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === `${prefix}/.well-known/openid-configuration`) {
      this.requests.discovery += 1;
      return send(200, this.metadata());
    }
    if (req.method === 'GET' && path === `${prefix}${KC}/certs`) {
      this.requests.jwks += 1;
      return send(200, { keys: this.keys.map((k) => k.jwk) });
    }
    if (req.method === 'POST' && path === `${prefix}${KC}/token/introspect`) {
      this.requests.introspection += 1;
      if (this.introspectionFailure !== null)
        return send(this.introspectionFailure, { error: 'unavailable' });
      const realm = {
        issuer: this.issuer,
        clients: this.introspectionClients,
        keys: this.keys.map((k) => k.jwk),
        revoked: this.revoked,
      };
      const answer = await introspect(realm, req.headers.authorization, await formOf(req));
      return send(answer.status, answer.body);
    }
    if (req.method === 'POST' && path === `${prefix}${KC}/token`) {
      this.requests.token += 1;
      const form = await formOf(req);
      const user = this.users.get(form.get('username') ?? '');
      if (form.get('grant_type') !== 'password' || form.get('client_id') !== this.clientId)
        return send(400, { error: 'unsupported_grant_type' });
      if (!user || user.password !== form.get('password'))
        return send(401, { error: 'invalid_grant', error_description: 'Invalid user credentials' });
      return send(200, await this.tokenResponse(user));
    }
    send(404, { error: 'not_found' });
  }

  private metadata() {
    const base = `${this.issuer}${KC}`;
    return {
      issuer: this.issuer,
      authorization_endpoint: `${base}/auth`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/certs`,
      userinfo_endpoint: `${base}/userinfo`,
      introspection_endpoint: `${base}/token/introspect`,
      end_session_endpoint: `${base}/logout`,
      grant_types_supported: ['authorization_code', 'refresh_token', 'password', 'client_credentials'],
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  private async tokenResponse(user: StandinUser) {
    const access = this.accessClaims(user.username);
    const sid = access.sid as string;
    const refresh = { exp: now() + 1800, iat: now(), jti: randomUUID(), iss: this.issuer, aud: this.issuer };
    const refreshToken = await new SignJWT({
      ...refresh,
      sub: user.id,
      typ: 'Refresh',
      azp: this.clientId,
      sid,
    })
      .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
      .sign(new TextEncoder().encode(this.refreshSecret));
    const { realm_access: _realm, resource_access: _clients, ...profile } = access;
    const idClaims = { ...profile, aud: this.clientId, typ: 'ID', jti: randomUUID() };
    return {
      access_token: await this.mint(access),
      expires_in: this.ttl,
      refresh_expires_in: 1800,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      id_token: await this.mint(idClaims),
      'not-before-policy': 0,
      session_state: sid,
      scope: 'openid profile email',
    };
  }
}

export const startKeycloakStandin = (options?: KeycloakStandinOptions): Promise<KeycloakStandin> =>
  KeycloakStandin.start(options);
