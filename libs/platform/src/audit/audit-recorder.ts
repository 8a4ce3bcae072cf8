import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isUuid } from '@erp/kernel';
import { PRINCIPAL, WithPrincipal } from '../auth/principal';
import { ACTOR, WithActor } from '../authorization/decorators';
import { DatabaseScope, RequestTransaction } from '../database/request-transaction';
import { Created } from '../http/api-response';
import { AuditContext } from './audit-context';
import { AuditEntry, AuditTarget } from './audit-entry';
import { AuditRoute, AuditRoutes, MUTATING_METHODS } from './audit-routes';

type Request = FastifyRequest;

const paramsOf = (request: FastifyRequest): Record<string, string | undefined> =>
  (request.params ?? {}) as Record<string, string | undefined>;

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0].slice(0, 500);

function routeTarget(route: AuditRoute, request: Request): AuditTarget | null {
  if (!route.targetType) return null;
  const id = route.targetParam ? (paramsOf(request)[route.targetParam] ?? null) : null;
  return { type: route.targetType, id: id && id.length <= 200 ? id : null };
}

function createdTarget(route: AuditRoute, result: unknown): AuditTarget | null {
  if (!(result instanceof Created) || !route.targetType) return null;
  const id = (result.body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? { type: route.targetType, id } : null;
}

/**
 * Writes the audit row of every state-changing request (POST, PUT, PATCH, DELETE) that matched a
 * route and recorded no explicit event: on success in the request's own transaction just before
 * COMMIT, when refused or failed in a short transaction of its own after the rollback.
 */
@Injectable()
export class AuditRecorder {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly audit: AuditContext,
    private readonly transaction: RequestTransaction,
    private readonly routes: AuditRoutes,
  ) {}

  /** Binds the request to its audit context (explicit events then know the caller). */
  begin(request: FastifyRequest): void {
    const state = this.audit.state;
    if (state) state.request = request;
  }

  async succeeded(request: Request, result: unknown): Promise<void> {
    const route = this.routeToRecord(request);
    if (!route) return;
    const state = this.audit.state;
    const entry = this.audit.entryFor(request, {
      action: route.action,
      outcome: 'success',
      target: state?.target ?? createdTarget(route, result) ?? routeTarget(route, request),
      changes: state?.changes ?? null,
      details: { method: request.method, path: pathOf(request) },
    });
    if (this.transaction.isOpen) await this.audit.trail.append(this.transaction.manager, entry);
    else await this.inOwnTransaction(request, entry);
  }

  /** Never throws: the caller's error answer must go out whatever happens here. */
  async failed(request: Request, status: number, code: string): Promise<void> {
    try {
      const route = this.routeToRecord(request);
      // A rate-limited request never reached the application; recording each would let a flood
      // it refuses grow the trail (and queue on its chain lock). The limiter's counters tell it.
      if (!route || code === 'RATE001') return;
      await this.transaction.finish('rollback');
      const actor = (request as unknown as WithActor)[ACTOR];
      const principal = (request as unknown as WithPrincipal)[PRINCIPAL];
      const pathOrganization = paramsOf(request).organizationId;
      // A refused member (403) belongs to the organization's trail; a caller the organization
      // does not know (401, 404) goes to the platform's, so nobody can write into a tenant's chain.
      const organizationId =
        actor?.organizationId ??
        (code === 'AUTH004' && principal && pathOrganization && isUuid(pathOrganization)
          ? pathOrganization
          : null);
      const entry = this.audit.entryFor(request, {
        action: route.action,
        outcome: status === 401 || status === 403 ? 'denied' : 'failed',
        organizationId,
        errorCode: code,
        target: this.audit.state?.target ?? routeTarget(route, request),
        details: { method: request.method, path: pathOf(request), status },
      });
      await this.inOwnTransaction(request, entry);
    } catch (error) {
      this.logger.error(
        `Audit row of a refused or failed request [${request.id}] not written`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }

  private routeToRecord(request: FastifyRequest): AuditRoute | undefined {
    if (!MUTATING_METHODS.has(request.method) || this.audit.state?.recorded) return undefined;
    return this.routes.find(request);
  }

  private inOwnTransaction(request: FastifyRequest, entry: AuditEntry): Promise<void> {
    const principal = (request as unknown as WithPrincipal)[PRINCIPAL];
    const scope: DatabaseScope = {
      organizationId: entry.organizationId,
      userId: principal?.userId ?? null,
      platformAdmin: principal?.platformAdmin ?? false,
    };
    return this.transaction.run(scope, (manager) => this.audit.trail.append(manager, entry));
  }
}
