import { existsSync } from 'node:fs';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { TracingHandle } from './tracing-sdk';

/** How long the shutdown waits for the last spans to be exported. */
const FLUSH_TIMEOUT_MS = 5000;

let running: TracingHandle | null = null;

/**
 * Whether tracing is wanted: an OTLP endpoint is configured (the standard
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and `OTEL_SDK_DISABLED` is
 * not `true`.
 */
// The standard OTEL_* variables are read before the app's configuration loads (the SDK reads them
// too), so they are not part of AppConfig.
// eslint-disable-next-line no-restricted-properties
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts OpenTelemetry tracing (HTTP server, PostgreSQL and Redis spans, exported over OTLP/HTTP)
 * when an OTLP endpoint is configured; otherwise does nothing at all: the SDK is not even loaded.
 * `serviceName` is the default `service.name` (`OTEL_SERVICE_NAME` wins). The exporter reads the
 * other standard variables itself (`OTEL_EXPORTER_OTLP_HEADERS`, `..._TIMEOUT`, `OTEL_BSP_*`,
 * `OTEL_TRACES_SAMPLER`...).
 *
 * Must run before `http`, `pg`, `ioredis` or `@redis/client` are first required: call it from the
 * first import of an app's entry point. `.env` is read here as `loadConfigFromProcess` does, so
 * the OTEL settings may live there too.
 */
export function startTracing(serviceName: string): boolean {
  if (running) return true;
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (!tracingWanted()) return false;
  // Loaded only when tracing is on, so that a process without it pays nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./tracing-sdk') as typeof import('./tracing-sdk');
  running = sdk.startTracingSdk(serviceName);
  return true;
}

/** Exports the spans still buffered and stops tracing (bounded wait); never throws. */
export async function stopTracing(): Promise<void> {
  const handle = running;
  running = null;
  if (!handle) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_TIMEOUT_MS)));
  await Promise.race([handle.shutdown().catch(() => undefined), timeout]);
  clearTimeout(timer);
}

/** The trace and span of the code running now, for log lines; empty when tracing is off. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}
