import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import {
  DocumentBuilder,
  OpenAPIObject,
  OperationObject,
  SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { OidcTokenVerifier } from '../auth/oidc/oidc-token-verifier';
import type { AppConfig } from '../config/app-config';
import { SHARED_HEADERS, SHARED_SCHEMAS, SharedHeader } from './openapi-components';

const ERRORS_BY_STATUS: Record<string, string> = {
  '401': 'Not authenticated (AUTH001-AUTH003)',
  '403': 'Missing permission (AUTH004)',
  '404': 'Not found, or in another organization (BIZ002)',
  '409': 'Conflict (BIZ001, BIZ003, IDEM002)',
  '413': 'Payload too large (REQ001)',
  '422': 'Validation failed (VAL001-VAL003, IDEM001)',
  '429': 'Rate limit exceeded (RATE001)',
  '500': 'Internal error (SYS003)',
  '503': 'Database unavailable (SYS001)',
};

/** The headers an answer with this status carries. */
function headersFor(status: string, deprecated: boolean, rateLimited: boolean): SharedHeader[] {
  const headers: SharedHeader[] = ['X-Request-Id', 'Access-Control-Allow-Origin'];
  if (deprecated && status.startsWith('2')) headers.push('Deprecation', 'Sunset', 'Link');
  if (rateLimited && /^[24]/.test(status))
    headers.push('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset');
  if (status === '429' || status === '503') headers.push('Retry-After');
  if (status === '401') headers.push('WWW-Authenticate');
  return headers;
}

/** Node's limit on the size of a request's headers: the bound of any header value. */
const MAX_HEADER_BYTES = 16_384;

/**
 * Path ids are UUIDs (contract §1, checked by UuidPipe); `If-Match` read with `@Headers` is
 * optional (only checked when sent), whatever Nest infers.
 */
function describeParameters(operation: OperationObject): void {
  for (const parameter of operation.parameters ?? []) {
    if ('$ref' in parameter) continue;
    const schema = parameter.schema as SchemaObject | undefined;
    if (parameter.in === 'path' && /^(id|.+Id)$/.test(parameter.name) && schema?.type === 'string')
      schema.format ??= 'uuid';
    if (parameter.in === 'header' && parameter.name.toLowerCase() === 'if-match') {
      parameter.name = 'If-Match';
      parameter.required = false;
      parameter.description ??= 'ETag of the version being changed (412 CONC001 when stale)';
      parameter.schema = { type: 'string', maxLength: MAX_HEADER_BYTES };
    }
  }
}

/** Every authenticated POST accepts an `Idempotency-Key` (contract §7). */
function documentIdempotencyKey(operation: OperationObject): void {
  operation.parameters = [
    ...(operation.parameters ?? []),
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes a retry safe: the same key and request within 24 hours replays the first answer ' +
        '(header Idempotent-Replayed: true); the same key with another request is 422 IDEM001; ' +
        'while the first is still running, 409 IDEM002. Scoped per principal.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    },
  ];
}

/**
 * Adds the error envelope and the common headers to every operation, and security requirements
 * to every non-public one.
 */
function completeOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = (operation as { 'x-public'?: boolean })['x-public'] === true;
      describeParameters(operation);
      if (method === 'post' && !isPublic) documentIdempotencyKey(operation);
      const rateLimited = (operation as { 'x-not-rate-limited'?: boolean })['x-not-rate-limited'] !== true;
      for (const [status, description] of Object.entries(ERRORS_BY_STATUS)) {
        if (isPublic && (status === '403' || status === '404')) continue;
        if (!rateLimited && status === '429') continue;
        operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
        };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response || '$ref' in response) continue;
        const refs = headersFor(status, operation.deprecated === true, rateLimited).map(
          (name) => [name, { $ref: `#/components/headers/${name}` }] as const,
        );
        response.headers = { ...Object.fromEntries(refs), ...response.headers };
      }
      const keyRefused = (operation as { 'x-api-key-refused'?: boolean })['x-api-key-refused'] === true;
      operation.security = isPublic
        ? []
        : [{ BearerAuth: [] }, { OAuth2: [] }, ...(keyRefused ? [] : [{ ApiKeyAuth: [] }])];
    }
  }
}

/** Most strings with a format have a natural length bound (a UUID is 36 characters...). */
const FORMAT_MAX_LENGTH: Record<string, number> = {
  uuid: 36,
  date: 10,
  'date-time': 35,
  email: 254,
  uri: 2048,
};

/** Documents the length bound of formatted strings (their validators refuse anything longer). */
function boundFormattedStrings(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(boundFormattedStrings);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  const bound = typeof schema.format === 'string' ? FORMAT_MAX_LENGTH[schema.format] : undefined;
  if (schema.type === 'string' && bound !== undefined && schema.maxLength === undefined && !schema.enum)
    schema.maxLength = bound;
  Object.values(schema).forEach(boundFormattedStrings);
}

const JWT_PRACTICES =
  'Tokens are JWS verified as RFC8725 recommends: an explicit algorithm allow-list (never `none`, ' +
  'never HMAC with a public key), exact issuer and audience, `typ` and expiry checked.';

/** Where Swagger UI's OAuth2 login goes, and with which public client. */
export interface OAuthLogin {
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
  /** False: no realm configured, the URLs are placeholders (the docker-compose realm). */
  configured: boolean;
}

const PLACEHOLDER_REALM = 'http://localhost:8080/realms/erp';

/**
 * The first realm of `OIDC_ISSUERS`: its authorization and token endpoints from discovery when the
 * realm answers at boot, otherwise Keycloak's paths under the issuer.
 */
export async function oauthLogin(app: INestApplication, config: AppConfig): Promise<OAuthLogin> {
  const realm = await app.get(OidcTokenVerifier).loginEndpoints();
  const base = `${realm?.issuer ?? PLACEHOLDER_REALM}/protocol/openid-connect`;
  return {
    authorizationUrl: realm?.authorization ?? `${base}/auth`,
    tokenUrl: realm?.token ?? `${base}/token`,
    clientId: config.OIDC_SWAGGER_CLIENT_ID,
    configured: realm !== undefined,
  };
}

export function buildOpenApiDocument(app: INestApplication, login: OAuthLogin): OpenAPIObject {
  const where = login.configured
    ? ''
    : ' Not configured on this server (OIDC_ISSUERS is empty): the URLs are placeholders.';
  const config = new DocumentBuilder()
    .setTitle('ERP Platform API')
    .setDescription(
      'Multi-tenant ERP backend. Every answer uses one envelope; errors carry registry codes (GET /api/v1/meta/errors).',
    )
    .setVersion('1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A short-lived access token of the API (POST /api/v1/auth/token/obtain, renewed with a ' +
          `refresh token) or of a configured Keycloak realm. ${JWT_PRACTICES}`,
      },
      'BearerAuth',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description:
          'An API key (POST /api/v1/me/api-keys), in this header only: a key in the query string is refused. ' +
          "It acts in its own organization only, with its owner's current permissions there narrowed to its " +
          'scopes. Operations that do not list this scheme refuse keys (403 AUTH004).',
      },
      'ApiKeyAuth',
    )
    .addOAuth2(
      {
        type: 'oauth2',
        description: `Keycloak single sign-on (authorization code with PKCE, public client \`${login.clientId}\`).${where} ${JWT_PRACTICES}`,
        flows: {
          authorizationCode: {
            authorizationUrl: login.authorizationUrl,
            tokenUrl: login.tokenUrl,
            refreshUrl: login.tokenUrl,
            scopes: { openid: 'OpenID Connect', profile: 'Profile', email: 'Email' },
          },
        },
      },
      'OAuth2',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...SHARED_SCHEMAS };
  document.components.headers = { ...document.components.headers, ...SHARED_HEADERS };
  completeOperations(document);
  boundFormattedStrings(document);
  const tags = Object.values(document.paths).flatMap((item) =>
    Object.values(item as Record<string, { tags?: string[] }>).flatMap((operation) => operation.tags ?? []),
  );
  document.tags = [...new Set(tags)].sort().map((name) => ({ name }));
  return document;
}

export const SWAGGER_SCOPES = ['openid', 'profile', 'email'];

/** Where Swagger UI lives; its OAuth2 login comes back to `${DOCS_PATH}/oauth2-redirect.html`. */
export const DOCS_PATH = '/docs/';

export function mountOpenApi(app: INestApplication, document: OpenAPIObject, login: OAuthLogin): void {
  // Swagger UI derives its OAuth2 redirect page from its own URL: opened at /docs that would be
  // /oauth2-redirect.html (not served, and not a redirect URI the realm's client allows).
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url === '/docs') void reply.redirect(DOCS_PATH, 301);
    else done();
  });
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'api/v1/openapi.json',
    yamlDocumentUrl: 'api/v1/openapi.yaml',
    swaggerOptions: {
      persistAuthorization: true,
      // The online validator badge would send the document's URL to validator.swagger.io.
      validatorUrl: null,
      initOAuth: {
        clientId: login.clientId,
        usePkceWithAuthorizationCodeGrant: true,
        scopes: SWAGGER_SCOPES,
      },
    },
  });
}
