import { isUuid } from '@erp/kernel';
import type { FastifyRequest } from 'fastify';
import { CLS_REQ, ClsServiceManager } from 'nestjs-cls';
import { PRINCIPAL, Principal, WithPrincipal } from '../auth/principal';
import { activeTraceFields } from './tracing';

/** Fields added to a log line from wherever it is written (a request, a trace...). */
export type LogFields = Record<string, unknown>;

/** One source of such fields; returns nothing when it has nothing to say for this line. */
export type LogFieldSource = () => LogFields | undefined;

const FASTIFY_REQUEST = Symbol('fastifyRequest');

interface LinkedRaw {
  [FASTIFY_REQUEST]?: FastifyRequest;
}

/**
 * Lets the log lines of a request find it: CLS keeps the raw Node request, the principal is set
 * on Fastify's request. Called in the first `onRequest` hook.
 */
export function linkRequestForLogs(request: FastifyRequest): void {
  (request.raw as LinkedRaw)[FASTIFY_REQUEST] = request;
}

/** Who is calling, by ids only (never a credential). */
export function principalLogFields(principal: Principal): LogFields {
  if (principal.via === 'api_key')
    return { type: 'api_key', api_key_id: principal.apiKey?.id, user_id: principal.userId };
  if (principal.via === 'sso')
    return { type: 'sso', user_id: principal.userId, sso_subject: principal.subject?.subject };
  return { type: 'user', user_id: principal.userId };
}

/**
 * The request's id (the `X-Request-Id` the client gets back), its principal and its organization
 * (the one in the path, else the API key's, as the policy guard decides it).
 */
export function requestLogFields(request: FastifyRequest): LogFields {
  const fields: LogFields = { request_id: request.id };
  const principal = (request as unknown as WithPrincipal)[PRINCIPAL];
  if (principal) fields.principal = principalLogFields(principal);
  const { organizationId } = (request.params ?? {}) as { organizationId?: unknown };
  const organization = isUuid(organizationId) ? organizationId : principal?.apiKey?.organizationId;
  if (organization) fields.organization_id = organization;
  return fields;
}

/** The fields of the request being handled where the line is written (CLS), if any. */
export const currentRequestLogFields: LogFieldSource = () => {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return undefined;
  const raw = cls.get<(LinkedRaw & { id?: string }) | undefined>(CLS_REQ);
  if (!raw) return undefined;
  const request = raw[FASTIFY_REQUEST];
  return request ? requestLogFields(request) : { request_id: raw.id };
};

// The active span's ids (`{}` while tracing is off), so a log line leads to its trace.
const sources: LogFieldSource[] = [currentRequestLogFields, activeTraceFields];

/**
 * Hook for other observability parts (tracing: `trace_id`, `span_id`): `source` is asked for
 * fields on every log line from now on, after the request's.
 */
export function addLogFieldSource(source: LogFieldSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** pino's `mixin`: the fields of every source, merged (what the call itself passes wins). */
export function logMixin(): LogFields {
  const fields: LogFields = {};
  for (const source of sources) Object.assign(fields, source());
  return fields;
}
