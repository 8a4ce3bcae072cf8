import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import {
  AppConfig,
  buildOpenApiDocument,
  markRequestStart,
  mountOpenApi,
  negotiateVersion,
  PlatformError,
  requestedUrl,
  VersionRouter,
  linkRequestForLogs,
  logLevelEnabled,
  requestLogFields,
  Metrics,
  oauthLogin,
} from '@erp/platform';
import { AppModule } from './app.module';
import { applyHttpHardening } from './http-hardening';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
export const BODY_LIMIT_BYTES = 1024 * 1024;

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
    { bufferLogs: true },
  );
  // JSON lines through nestjs-pino (LoggingModule, imported by the platform).
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('onRoute', (route) => versions.register(route.url));
  fastify.addHook('onRequest', (request, reply, done) => {
    markRequestStart(request.raw);
    linkRequestForLogs(request);
    void reply.header('X-Request-Id', request.id);
    const negotiated = negotiateVersion(requestedUrl(request.raw), request.headers);
    if (negotiated && 'unsupported' in negotiated)
      return done(new PlatformError('VER001', { version: negotiated.unsupported }));
    done();
  });
  // One access line per request (error level for a 5xx); never the query string (it may hold what
  // should be a header). Metrics label by route pattern (bounded), never by raw path.
  const requests = new NestLogger('Http');
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    const failed = reply.statusCode >= 500;
    if (logLevelEnabled(failed ? 'error' : 'info')) {
      const line = {
        msg: 'request completed',
        ...requestLogFields(request),
        method: request.method,
        url: request.url.split('?')[0],
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (failed) requests.error(line);
      else requests.log(line);
    }
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
  applyHttpHardening(app, config);
  const login = await oauthLogin(app, config);
  mountOpenApi(app, buildOpenApiDocument(app, login), login);
  await app.init();
  return app;
}
