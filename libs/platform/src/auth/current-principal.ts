import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, PRINCIPAL, WithPrincipal } from './principal';

/** The request's authenticated principal (how the caller signed in), set by the authentication guard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = (context.switchToHttp().getRequest<FastifyRequest>() as unknown as WithPrincipal)[
      PRINCIPAL
    ];
    if (!principal) throw new Error('No principal on a route that needs one (is it @Public?)');
    return principal;
  },
);
