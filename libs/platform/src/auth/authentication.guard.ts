import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { PermissionDenied } from '@erp/kernel';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../authorization/decorators';
import { PlatformError } from '../http/error-mapping';
import { ApiKeyPrincipalResolver } from './api-key-principal-resolver';
import {
  AMBIGUOUS_CREDENTIALS_REASON,
  API_KEY_REFUSED,
  apiKeyInQuery,
  CredentialsRefused,
  KEY_IN_QUERY_REASON,
} from './api-key-rules';
import { parseApiKey } from './api-key-secret';
import { BearerAuthenticator } from './bearer-authenticator';
import { Principal, PRINCIPAL, WithPrincipal } from './principal';

type Targets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * Global: every route needs a valid bearer token (own or SSO) or an `X-API-Key` unless marked
 * `@Public()`. A key in the query string is refused on every route; both kinds of credentials at
 * once are refused as ambiguous.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private apiKeys?: ApiKeyPrincipalResolver;

  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthenticator,
    private readonly modules: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (apiKeyInQuery(request.query)) throw new CredentialsRefused(KEY_IN_QUERY_REASON);
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    (request as unknown as WithPrincipal)[PRINCIPAL] = await this.authenticate(request, targets);
    return true;
  }

  private async authenticate(request: FastifyRequest, targets: Targets): Promise<Principal> {
    const { authorization, 'x-api-key': apiKey } = request.headers;
    if (apiKey !== undefined) {
      if (authorization !== undefined) throw new CredentialsRefused(AMBIGUOUS_CREDENTIALS_REASON);
      const presented = typeof apiKey === 'string' ? parseApiKey(apiKey) : null;
      if (!presented) throw new PlatformError('AUTH003');
      this.apiKeys ??= this.modules.get(ApiKeyPrincipalResolver, { strict: false });
      const principal = await this.apiKeys.resolve(presented);
      if (this.reflector.getAllAndOverride<boolean>(API_KEY_REFUSED, targets))
        throw new PermissionDenied('call', 'this route with an API key');
      return principal;
    }
    const match =
      typeof authorization === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization) : null;
    if (!match) throw new PlatformError('AUTH003');
    return this.bearer.authenticate(match[1]);
  }
}
