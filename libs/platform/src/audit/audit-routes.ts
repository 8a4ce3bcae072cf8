import { Injectable, RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { REQUIRED_PERMISSION, RequiredPermission } from '../authorization/decorators';
import { toPermissionCode } from '../authorization/permissions';

export const AUDIT_ACTION = 'erp:audit-action';

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The stable action name (and target type) of a route's audit rows. Without it a route's action
 * is derived from its `@Can`: `@Can('update', 'Task')` → `task.update`.
 */
export const AuditAction = (action: string, targetType?: string): MethodDecorator =>
  SetMetadata(AUDIT_ACTION, { action, targetType });

export interface AuditRoute {
  method: string;
  path: string;
  action: string;
  targetType: string | null;
  /** The path parameter naming the target when the path ends with one (`/tasks/:id` → `id`). */
  targetParam: string | null;
}

/** Every route's audit name, found once from the controllers' metadata (the filter has no handler). */
@Injectable()
export class AuditRoutes {
  private routes?: Map<string, AuditRoute>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** The route `request` matched (by Fastify's route pattern), if any. */
  find(request: FastifyRequest): AuditRoute | undefined {
    const pattern = request.routeOptions?.url;
    return pattern === undefined ? undefined : this.all().get(`${request.method} ${pattern}`);
  }

  all(): Map<string, AuditRoute> {
    return (this.routes ??= this.collect());
  }

  private collect(): Map<string, AuditRoute> {
    const routes = new Map<string, AuditRoute>();
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const handler = instance[name] as (...args: unknown[]) => unknown;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = `/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.set(`${method} ${full}`, this.describe(method, full, handler));
      }
    }
    return routes;
  }

  private describe(method: string, path: string, handler: (...args: unknown[]) => unknown): AuditRoute {
    const named = this.reflector.get<{ action: string; targetType?: string } | undefined>(
      AUDIT_ACTION,
      handler,
    );
    const required = this.reflector.get<RequiredPermission | undefined>(REQUIRED_PERMISSION, handler);
    const derived = required ? toPermissionCode(required.action, required.subject).replace(':', '.') : null;
    const last = /\/:([A-Za-z0-9_]+)$/.exec(path);
    return {
      method,
      path,
      action: named?.action ?? derived ?? `${method.toLowerCase()} ${path}`,
      targetType: named?.targetType ?? required?.subject ?? null,
      targetParam: last ? last[1] : null,
    };
  }
}
