import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_REGISTRY } from './error-registry';

const ERROR_ENVELOPE = {
  type: 'object',
  required: ['success', 'data', 'meta', 'error'],
  properties: {
    success: { type: 'boolean', example: false },
    data: { type: 'null' },
    meta: {
      type: 'object',
      properties: {
        timestamp: { type: 'string', format: 'date-time' },
        request_id: { type: 'string' },
        version: { type: 'string' },
        execution_time_ms: { type: 'number' },
      },
    },
    error: {
      type: 'object',
      required: ['code', 'message', 'details', 'trace_id'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_REGISTRY) },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
        trace_id: { type: 'string' },
        field_errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, message: { type: 'string' }, invalid_value: {} },
          },
        },
      },
    },
  },
};

const ERRORS_BY_STATUS: Record<string, string> = {
  '401': 'Not authenticated (AUTH001-AUTH003)',
  '403': 'Missing permission (AUTH004)',
  '404': 'Not found, or in another organization (BIZ002)',
  '409': 'Conflict (BIZ001, BIZ003)',
  '413': 'Payload too large (REQ001)',
  '422': 'Validation failed (VAL001-VAL003)',
  '500': 'Internal error (SYS003)',
  '503': 'Database unavailable (SYS001)',
};

/** Adds the error envelope to every operation, and security requirements to every non-public one. */
function completeOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = (operation as { 'x-public'?: boolean })['x-public'] === true;
      for (const [status, description] of Object.entries(ERRORS_BY_STATUS)) {
        if (isPublic && (status === '403' || status === '404')) continue;
        operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
        };
      }
      operation.security = isPublic ? [] : [{ BearerAuth: [] }, { OAuth2: [] }, { ApiKeyAuth: [] }];
    }
  }
}

export function buildOpenApiDocument(app: INestApplication, oidcIssuer: string | undefined): OpenAPIObject {
  const realm = oidcIssuer ?? 'http://localhost:8080/realms/erp';
  const config = new DocumentBuilder()
    .setTitle('ERP Platform API')
    .setDescription(
      'Multi-tenant ERP backend. Every answer uses one envelope; errors carry registry codes (GET /api/v1/meta/errors).',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'BearerAuth')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'ApiKeyAuth')
    .addOAuth2(
      {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: `${realm}/protocol/openid-connect/auth`,
            tokenUrl: `${realm}/protocol/openid-connect/token`,
            scopes: { openid: 'OpenID Connect', profile: 'Profile', email: 'Email' },
          },
        },
      },
      'OAuth2',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ErrorEnvelope: ERROR_ENVELOPE };
  completeOperations(document);
  return document;
}

export function mountOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'api/v1/openapi.json',
    yamlDocumentUrl: 'api/v1/openapi.yaml',
    swaggerOptions: {
      persistAuthorization: true,
      initOAuth: {
        clientId: 'erp-web',
        usePkceWithAuthorizationCodeGrant: true,
        scopes: ['openid', 'profile', 'email'],
      },
    },
  });
}
