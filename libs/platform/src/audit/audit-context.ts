import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import { PRINCIPAL, Principal, WithPrincipal } from '../auth/principal';
import { RequestTransaction } from '../database/request-transaction';
import { AuditActor, AuditChanges, AuditEntry, AuditOutcome, AuditTarget, AuditTrail } from './audit-entry';

const STATE = 'audit.state';

/** What a request has told the audit trail so far (one object per request, shared by nested contexts). */
export interface AuditState {
  request?: FastifyRequest;
  target?: AuditTarget;
  changes?: AuditChanges;
  /** An explicit event was recorded: the request needs no generic row. */
  recorded: boolean;
}

/** Called when CLS sets up a request, so contexts nested in it (`cls.run`) share this state. */
export const initAuditState = (cls: ClsService): void =>
  cls.set(STATE, { recorded: false } satisfies AuditState);

/** An explicit event (authentication, key management...). Unset fields come from the request. */
export interface AuditEventInput {
  action: string;
  outcome: AuditOutcome;
  /** Default: the request's principal. */
  actor?: AuditActor;
  /** Default: the open transaction's organization. */
  organizationId?: string | null;
  target?: AuditTarget | null;
  errorCode?: string | null;
  changes?: AuditChanges | null;
  details?: Record<string, unknown>;
  /** The event stands for the request itself (e.g. a sign-in): no generic row is written for it. */
  asRequestRow?: boolean;
}

interface RawRequest {
  id?: string;
  ip?: string;
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** Plain JSON values of a record (dates as ISO strings), taken at the time of the call. */
export const plainRecord = (record: object | null): Record<string, unknown> | null =>
  record === null ? null : (JSON.parse(JSON.stringify(record)) as Record<string, unknown>);

export function actorOf(principal: Principal | undefined): AuditActor {
  if (!principal) return { type: 'anonymous', userId: null };
  if (principal.via === 'api_key')
    return { type: 'api_key', userId: principal.userId, apiKeyId: principal.apiKey?.id ?? null };
  if (principal.via === 'sso')
    return {
      type: 'sso',
      userId: principal.userId,
      ssoIssuer: principal.subject?.issuer ?? null,
      ssoSubject: principal.subject?.subject ?? null,
    };
  return { type: 'user', userId: principal.userId };
}

/**
 * The request's audit context, for use cases: tell it which record the request changed and how
 * (`changed`), or record an explicit event (`record`). The platform writes the request's row just
 * before commit (or, for a refused or failed request, in a transaction of its own).
 */
@Injectable()
export class AuditContext {
  private port?: AuditTrail;

  constructor(
    private readonly cls: ClsService,
    private readonly transaction: RequestTransaction,
    private readonly modules: ModuleRef,
  ) {}

  /** The record this request acts on (otherwise read from the route). */
  target(type: string, id: string | null): void {
    const state = this.state;
    if (state) state.target = { type, id };
  }

  /** Before/after of the record this request changes (`before` null: created; `after` null: deleted). */
  changed(type: string, id: string, before: object | null, after: object | null): void {
    const state = this.state;
    if (!state) return;
    state.target = { type, id };
    state.changes = { before: plainRecord(before), after: plainRecord(after) };
  }

  /**
   * Records an explicit event in the open transaction; call it as the transaction's last statement
   * (it holds the chain's lock until commit).
   */
  async record(event: AuditEventInput): Promise<void> {
    const state = this.state;
    const entry = this.entryFor(state?.request, event);
    await this.trail.append(this.transaction.manager, entry);
    if (state && event.asRequestRow) state.recorded = true;
  }

  /** The audit entry of `event` for `request` (or the request CLS knows). */
  entryFor(request: FastifyRequest | undefined, event: AuditEventInput): AuditEntry {
    const raw: RawRequest | undefined =
      request ?? (this.cls.isActive() ? this.cls.get<RawRequest>(CLS_REQ) : undefined);
    const principal = (request as unknown as WithPrincipal | undefined)?.[PRINCIPAL];
    const agent = raw?.headers?.['user-agent'];
    return {
      organizationId:
        event.organizationId !== undefined
          ? event.organizationId
          : (this.transaction.scope?.organizationId ?? null),
      actor: event.actor ?? actorOf(principal),
      action: event.action,
      target: event.target ?? null,
      outcome: event.outcome,
      errorCode: event.errorCode ?? null,
      requestId: raw?.id ?? null,
      ip: raw?.ip ?? null,
      userAgent: typeof agent === 'string' ? agent : null,
      changes: event.changes ?? null,
      details: event.details ?? {},
    };
  }

  get state(): AuditState | undefined {
    return this.cls.isActive() ? this.cls.get<AuditState | undefined>(STATE) : undefined;
  }

  /** The audit context's implementation, looked up lazily so the platform does not import it. */
  get trail(): AuditTrail {
    return (this.port ??= this.modules.get(AuditTrail, { strict: false }));
  }
}
