import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';

export const IS_PUBLIC = 'erp:public';
export const REQUIRED_PERMISSION = 'erp:can';

export interface RequiredPermission {
  action: string;
  subject: string;
}

/** The route needs no authentication (token endpoints, health, docs). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** The coarse permission a route needs before anything is loaded; records are checked in the use case. */
export const Can = (action: string, subject: string): MethodDecorator =>
  SetMetadata(REQUIRED_PERMISSION, { action, subject } satisfies RequiredPermission);

export const ACTOR = Symbol('actor');

export interface WithActor {
  [ACTOR]?: Actor;
}

/** The request's Actor, built by the policy guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = (context.switchToHttp().getRequest<FastifyRequest>() as unknown as WithActor)[ACTOR];
  if (!actor) throw new Error('No actor on a route that needs one (is it @Public?)');
  return actor;
});

export const CHANGES_ACCESS = 'erp:changes-access';

/**
 * The routes' changes alter who may do what in the path's organization (roles, grants,
 * memberships, departments, policies): the cached authorization inputs of that organization are
 * invalidated once such a request commits.
 */
export const ChangesAccess = (): ClassDecorator & MethodDecorator => SetMetadata(CHANGES_ACCESS, true);
