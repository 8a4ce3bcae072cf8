import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { isUuid, PermissionDenied, ResourceNotFound } from '@erp/kernel';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL, WithPrincipal } from '../auth/principal';
import { PlatformError } from '../http/error-mapping';
import { RequestTransaction } from '../database/request-transaction';
import { defineAbility, definePlatformAbility } from './ability';
import { apiKeyOrganization, restrictToApiKey } from './api-key-ability';
import { Actor } from './actor';
import { AuthorizationSource } from './authorization-source';
import type { PolicySet } from './policy/policy-set';
import { AccessCache, ACCOUNTS_SCOPE } from '../cache/access-cache';
import {
  ACTOR,
  CHANGES_ACCESS,
  IS_PUBLIC,
  REQUIRED_PERMISSION,
  RequiredPermission,
  WithActor,
} from './decorators';

/**
 * Global, after authentication. Opens the request transaction scoped to the caller and the path's
 * organization, builds the caller's ability there, and enforces the route's `@Can`. Deny by
 * default: a route with neither `@Can` nor `@Public` is refused. A non-member gets 404, exactly
 * as for an organization that does not exist. An API key acts only in its own organization, with
 * its owner's current grants there narrowed to its scopes.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly transaction: RequestTransaction,
    private readonly modules: ModuleRef,
    private readonly access: AccessCache,
  ) {}

  /** Provided by the identity context; looked up lazily so the platform does not import it. */
  private get authorization(): AuthorizationSource {
    return (this.source ??= this.modules.get(AuthorizationSource, { strict: false }));
  }

  private source?: AuthorizationSource;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.get<RequiredPermission | undefined>(
      REQUIRED_PERMISSION,
      context.getHandler(),
    );
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: Record<string, string> }>>();
    const principal = (request as unknown as WithPrincipal)[PRINCIPAL];
    if (!required || !principal) throw new PermissionDenied('access', 'this route');

    const pathOrganizationId = request.params.organizationId ?? null;
    if (pathOrganizationId !== null && !isUuid(pathOrganizationId))
      throw new ResourceNotFound('Organization');
    const key = principal.apiKey;
    const organizationId = key ? apiKeyOrganization(key, pathOrganizationId) : pathOrganizationId;
    // A token outlives changes to its account: a deactivated or erased account, or a withdrawn
    // platform administrator flag, takes effect on the next request, not at the token's expiry.
    // The account's and the organization's cached inputs in one round trip to Redis.
    await this.access.prefetch(
      principal.userId,
      organizationId ? [ACCOUNTS_SCOPE, organizationId] : [ACCOUNTS_SCOPE],
    );
    const account = await this.authorization.accountOf(principal.userId);
    if (!account.active) throw new PlatformError('AUTH003');
    const platformAdmin = principal.platformAdmin && account.platformAdmin;
    await this.transaction.begin({ organizationId, userId: principal.userId, platformAdmin });
    if (
      organizationId &&
      request.method !== 'GET' &&
      this.reflector.getAllAndOverride<boolean>(CHANGES_ACCESS, targets)
    )
      this.access.invalidateAfterCommit(organizationId);
    try {
      let ability = definePlatformAbility(platformAdmin);
      let policies: PolicySet | undefined;
      if (organizationId) {
        const membership = await this.authorization.grantsOf(principal.userId, organizationId);
        const { member, grants } = membership;
        if (!member && !platformAdmin) throw new ResourceNotFound('Organization');
        ability = defineAbility(grants, platformAdmin);
        policies = membership.policies;
      }
      if (key) ability = restrictToApiKey(ability, key.scopes);
      const actor = new Actor(
        principal.userId,
        platformAdmin,
        organizationId,
        ability,
        policies,
        key?.id ?? null,
      );
      if (!actor.can(required.action, required.subject))
        throw new PermissionDenied(required.action, required.subject);
      (request as unknown as WithActor)[ACTOR] = actor;
      return true;
    } catch (error) {
      await this.transaction.finish('rollback');
      throw error;
    }
  }
}
