import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../authorization/decorators';
import { PlatformError } from '../http/error-mapping';
import { BearerAuthenticator } from './bearer-authenticator';
import { PRINCIPAL, WithPrincipal } from './principal';

/** Global: every route needs a valid bearer token (own or SSO) unless marked `@Public()`. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match) throw new PlatformError('AUTH003');
    (request as unknown as WithPrincipal)[PRINCIPAL] = await this.bearer.authenticate(match[1]);
    return true;
  }
}
