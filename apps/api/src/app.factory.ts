import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AppConfig,
  buildOpenApiDocument,
  markRequestStart,
  mountOpenApi,
  negotiateVersion,
  PlatformError,
  requestedUrl,
  VersionRouter,
  AppLogger,
  Metrics,
  oauthLogin,
} from '@erp/platform';
import { AppModule } from './app.module';
import { applyHttpHardening } from './http-hardening';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
export const BODY_LIMIT_BYTES = 1024 * 1024;

const LOG_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the API on Fastify with the platform's conventions; `listen` is left to the caller. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const versions = new VersionRouter();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    // `X-Forwarded-For` is believed only from the configured proxies (`request.ip` is the client then).
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    // `/api/...` without a version goes to the one `X-API-Version` or `Accept: ...; version=` names;
    // a v2 path with no v2 route of its own is served by v1.
    rewriteUrl: (req: IncomingMessage) => versions.rewrite(req),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl }),
    adapter,
    { logger: new AppLogger(LOG_LEVELS[config.LOG_LEVEL] ?? LOG_LEVELS.info, config.LOG_CAPTURE_FILE) },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('onRoute', (route) => versions.register(route.url));
  fastify.addHook('onRequest', (request, reply, done) => {
    markRequestStart(request.raw);
    void reply.header('X-Request-Id', request.id);
    const negotiated = negotiateVersion(requestedUrl(request.raw), request.headers);
    if (negotiated && 'unsupported' in negotiated)
      return done(new PlatformError('VER001', { version: negotiated.unsupported }));
    done();
  });
  // One line per request at debug level; never the query string (it may hold what should be a header).
  // Metrics label by route pattern (bounded), never by raw path.
  const requests = new Logger('Http');
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    requests.debug(
      `${request.method} ${path} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms request_id=${request.id}`,
    );
    metrics.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  // Outside Nest's pipeline (no envelope, transaction or guards): a scrape costs no database work.
  fastify.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  await applyHttpHardening(app, config);
  const login = await oauthLogin(app, config);
  mountOpenApi(app, buildOpenApiDocument(app, login), login);
  await app.init();
  return app;
}
