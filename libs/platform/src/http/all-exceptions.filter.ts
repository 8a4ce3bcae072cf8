import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditRecorder } from '../audit/audit-recorder';
import { pickLanguage } from './error-registry';
import { MappedError, mapError } from './error-mapping';
import { envelope } from './envelope';

/**
 * The one place an error becomes a response: the envelope with a registry code, never a stack
 * trace. A refused or failed state-changing request is audited first (the recorder never throws).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly audit: AuditRecorder) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const mapped = mapRequestError(exception, request);
    await this.audit.failed(request, mapped.status, mapped.body.code);
    sendError(exception, request, http.getResponse<FastifyReply>(), this.logger, mapped);
  }
}

const mapRequestError = (exception: unknown, request: FastifyRequest): MappedError =>
  mapError(exception, pickLanguage(request.headers['accept-language']), request.id, {
    method: request.method,
    path: request.url.split('?')[0],
  });

export function sendError(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
  mapped: MappedError = mapRequestError(exception, request),
): void {
  const path = request.url.split('?')[0];
  if (mapped.unexpected) {
    logger.error(
      `${request.method} ${path} failed [${request.id}]`,
      exception instanceof Error ? exception.stack : String(exception),
    );
  }
  void reply
    .status(mapped.status)
    .headers(mapped.headers)
    .type('application/json; charset=utf-8')
    .send(envelope(request, null, mapped.body));
}
