import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '@erp/platform';

/** Request headers a browser client may send (CORS preflight). */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept-Language',
  'Idempotency-Key',
  'If-Match',
  'X-Request-Id',
  'X-API-Key',
  'X-API-Version',
];

/** Response headers a browser client may read. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'X-Request-Id',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'WWW-Authenticate',
  'Deprecation',
  'Sunset',
  'Link',
];

const DOCS = /^\/docs(\/|\?|$)/;
/** The token endpoints answer with credentials (or consume them) without a bearer token. */
const TOKEN_ENDPOINTS = /^\/api\/v\d+\/auth\//;

/** `CORS_ORIGINS` as exact origins; `*`, a path or anything but an http(s) origin refuses the start. */
export function corsOrigins(config: AppConfig): Set<string> {
  return new Set(
    config.CORS_ORIGINS.map((entry) => {
      const url = URL.canParse(entry) ? new URL(entry) : undefined;
      const isOrigin =
        url !== undefined &&
        !entry.includes('*') &&
        ['http:', 'https:'].includes(url.protocol) &&
        url.pathname === '/' &&
        !url.search &&
        !url.hash &&
        !url.username &&
        !url.password;
      if (!isOrigin)
        throw new Error(`CORS_ORIGINS: '${entry}' is not an origin such as https://app.example.com`);
      return url.origin;
    }),
  );
}

/** Swagger UI needs inline styles, `data:` images and a token request to the realm; nothing else does. */
function docsPolicy(config: AppConfig): string {
  const realms = config.OIDC_ISSUERS.map((issuer) => new URL(issuer).origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...realms].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const carriesCredentials = (request: FastifyRequest): boolean =>
  request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;

/**
 * Security headers (helmet: a strict CSP for API answers, a looser one for Swagger UI at /docs),
 * CORS for the origins of `CORS_ORIGINS` only, and `Cache-Control: no-store` on every answer to a
 * request with credentials and on the token endpoints. Call before `app.init()`.
 */
export function applyHttpHardening(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Built once (the Fastify plugin builds it again on every request, parsing the CSP each time).
  const securityHeaders = helmet({
    // JSON is never rendered: nothing may load from it, frame it or submit to it.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );

  const origins = corsOrigins(config);
  app.enableCors({
    // Reflects a listed origin (never `*`); an unlisted one, or none, gets no CORS header at all.
    origin: (origin: string | undefined, allow: (error: Error | null, allowed: boolean) => void) =>
      allow(null, origin !== undefined && origins.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });

  const docs = docsPolicy(config);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?')[0];
    if (DOCS.test(request.url)) {
      void reply.header('Content-Security-Policy', docs);
      // The OAuth2 login opens the realm in a popup that reports back through `window.opener`.
      void reply.header('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    }
    if (carriesCredentials(request) || TOKEN_ENDPOINTS.test(path))
      void reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}
