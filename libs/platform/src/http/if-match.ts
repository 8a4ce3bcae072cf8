import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { etagOf } from './api-response';
import { PlatformError } from './error-mapping';

/** Optimistic concurrency: a stale `If-Match` (when one is sent) is 412 CONC001. */
export function assertIfMatch(ifMatch: string | undefined, id: string, version: number): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const current = etagOf(id, version);
  const offered = ifMatch.split(',').map((tag) => tag.trim());
  if (!offered.includes(current)) throw new PlatformError('CONC001');
}

/** The request's `If-Match` header, if any (`@Headers` would document it as required). */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
    return Array.isArray(value) ? value.join(', ') : value;
  },
);

/** Documents the optional `If-Match` header of a change. */
export const ApiIfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'ETag of the version being changed (412 CONC001 when stale)',
    }),
  );
