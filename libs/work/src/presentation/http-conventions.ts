import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { assertIfMatch } from '@erp/platform';

/** The request's `If-Match` header, if any (read here rather than with `@Headers`, which documents it as required). */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
    return Array.isArray(value) ? value.join(', ') : value;
  },
);

/** The If-Match check (412 CONC001 when stale), run by a use case on the current record before a change. */
export const ifMatch =
  (header: string | undefined) =>
  (current: { id: string; version: number }): void =>
    assertIfMatch(header, current.id, current.version);

export const ApiIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'ETag of the version being changed (412 CONC001 when stale)',
  });

export const ApiOrganizationParam = () =>
  ApiParam({
    name: 'organizationId',
    type: String,
    format: 'uuid',
    description: 'The organization (from the path, never the body)',
  });

export const ApiIdParam = () => ApiParam({ name: 'id', type: String, format: 'uuid' });
