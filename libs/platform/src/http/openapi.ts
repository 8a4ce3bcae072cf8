import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  OpenAPIObject,
  OperationObject,
  SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { SHARED_HEADERS, SHARED_SCHEMAS, SharedHeader } from './openapi-components';

const ERRORS_BY_STATUS: Record<string, string> = {
  '401': 'Not authenticated (AUTH001-AUTH003)',
  '403': 'Missing permission (AUTH004)',
  '404': 'Not found, or in another organization (BIZ002)',
  '409': 'Conflict (BIZ001, BIZ003)',
  '413': 'Payload too large (REQ001)',
  '422': 'Validation failed (VAL001-VAL003)',
  '429': 'Rate limit exceeded (RATE001)',
  '500': 'Internal error (SYS003)',
  '503': 'Database unavailable (SYS001)',
};

/** The headers an answer with this status carries. */
function headersFor(status: string): SharedHeader[] {
  const headers: SharedHeader[] = ['X-Request-Id', 'Access-Control-Allow-Origin'];
  if (/^[24]/.test(status)) headers.push('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset');
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
      for (const [status, description] of Object.entries(ERRORS_BY_STATUS)) {
        if (isPublic && (status === '403' || status === '404')) continue;
        operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
        };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response || '$ref' in response) continue;
        const refs = headersFor(status).map(
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

export function buildOpenApiDocument(app: INestApplication, oidcIssuer: string | undefined): OpenAPIObject {
  const realm = oidcIssuer ?? 'http://localhost:8080/realms/erp';
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
        description: `Keycloak single sign-on (authorization code with PKCE). ${JWT_PRACTICES}`,
        flows: {
          authorizationCode: {
            authorizationUrl: `${realm}/protocol/openid-connect/auth`,
            tokenUrl: `${realm}/protocol/openid-connect/token`,
            refreshUrl: `${realm}/protocol/openid-connect/token`,
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

export function mountOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'api/v1/openapi.json',
    yamlDocumentUrl: 'api/v1/openapi.yaml',
    swaggerOptions: {
      persistAuthorization: true,
      // The online validator badge would send the document's URL to validator.swagger.io.
      validatorUrl: null,
      initOAuth: {
        clientId: 'erp-web',
        usePkceWithAuthorizationCodeGrant: true,
        scopes: ['openid', 'profile', 'email'],
      },
    },
  });
}
