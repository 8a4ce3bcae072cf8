import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLanguage } from './error-registry';
import { mapError } from './error-mapping';
import { envelope } from './envelope';

/** The one place an error becomes a response: the envelope with a registry code, never a stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendError(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const path = request.url.split('?')[0];
  const mapped = mapError(exception, pickLanguage(request.headers['accept-language']), request.id, {
    method: request.method,
    path,
  });
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
