import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { Created, Paginated, Versioned } from './api-response';
import { envelope } from './envelope';

/** Wraps every successful answer in the envelope; sets pagination, ETag, Location and 201/204 statuses. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result === undefined) {
          reply.status(HttpStatus.NO_CONTENT);
          return undefined;
        }
        if (result instanceof Paginated) {
          const { items, total, page, size } = result as Paginated<unknown>;
          return envelope(request, items, null, { page, size, total, pages: Math.ceil(total / size) });
        }
        if (result instanceof Versioned) {
          const { body, etag } = result as Versioned<unknown>;
          reply.header('ETag', etag);
          return envelope(request, body, null);
        }
        if (result instanceof Created) {
          const { body, location } = result as Created<unknown>;
          reply.status(HttpStatus.CREATED).header('Location', location);
          return envelope(request, body, null);
        }
        return envelope(request, result, null);
      }),
    );
  }
}
