import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { RedisInstrumentation } from '@opentelemetry/instrumentation-redis';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME, ATTR_URL_QUERY } from '@opentelemetry/semantic-conventions';

/** A started tracing SDK: `shutdown` exports what is buffered and stops it. */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

/** Fastify announces each route handler on this channel, with the matched route pattern. */
const FASTIFY_HANDLER_START = 'tracing:fastify.request.handler:start';
const ROUTE = Symbol('erp.tracing.route');

interface Routed {
  [ROUTE]?: string;
}

/** Probes and scrapes are not traced: they would bury the requests that matter. */
export const isUntracedPath = (url: string | undefined): boolean => {
  const path = (url ?? '').split('?')[0];
  return path === '/metrics' || path.startsWith('/health/');
};

/**
 * A query string with every value replaced: a value may be a secret (a key or token sent where a
 * header belonged, an OAuth code), so only the parameter names are kept.
 */
export const redactQuery = (url: string | undefined): string | undefined => {
  const at = (url ?? '').indexOf('?');
  if (at < 0 || at === url!.length - 1) return undefined;
  const params = new URLSearchParams(url!.slice(at + 1));
  return [...params.keys()].map((name) => `${encodeURIComponent(name)}=REDACTED`).join('&');
};

/** Remembers the route pattern Fastify matched on the raw request, for the server span. */
const onHandlerStart = (message: unknown): void => {
  const { request, route } = message as { request?: { raw?: object }; route?: { url?: string } };
  if (request?.raw && route?.url) (request.raw as Routed)[ROUTE] = route.url;
};

/**
 * The tracing SDK: a batching OTLP/HTTP exporter and the HTTP (server side), pg, ioredis and
 * node-redis instrumentations. Only spans under an HTTP request or a job are recorded (database and
 * Redis calls without a parent, such as pollers, are not). Never records a value: SQL is the
 * parameterised text, Redis commands go through the standard serializer (no values), no header is
 * captured and query values are redacted.
 */
export function startTracingSdk(serviceName: string): TracingHandle {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const disable = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        disableOutgoingRequestInstrumentation: true,
        ignoreIncomingRequestHook: (request) => isUntracedPath(request.url),
        startIncomingSpanHook: (request) => {
          const query = redactQuery(request.url);
          return query === undefined ? {} : { [ATTR_URL_QUERY]: query };
        },
        applyCustomAttributesOnSpan: (span, request) => {
          const route = (request as IncomingMessage & Routed)[ROUTE];
          if (!route) return;
          span.setAttribute(ATTR_HTTP_ROUTE, route);
          span.updateName(`${(request as IncomingMessage).method ?? 'GET'} ${route}`);
        },
      }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new RedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  subscribe(FASTIFY_HANDLER_START, onHandlerStart);
  return {
    shutdown: async () => {
      unsubscribe(FASTIFY_HANDLER_START, onHandlerStart);
      await provider.shutdown();
      disable();
    },
  };
}
