import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InvalidField } from '@erp/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, Observable, of } from 'rxjs';
import { PRINCIPAL, WithPrincipal } from '../../auth/principal';
import { RequestTransaction } from '../../database/request-transaction';
import { PlatformError } from '../error-mapping';
import { fromStoredResponse, toStoredResponse } from './idempotent-response';
import { IdempotencyScope, IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Visible ASCII, as most APIs accept (UUIDs, ULIDs, client-made strings). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST (contract §7): the first request with a key runs and its answer is
 * remembered in the same transaction; a repeat with the same key and request replays that answer
 * (`Idempotent-Replayed: true`); the same key with another request is 422 IDEM001; a repeat while
 * the first is still running is 409 IDEM002. Keys are scoped per principal and remembered 24 hours.
 * Only successful answers are remembered: after an error the client may retry with the same key.
 * Public POSTs (token endpoints) ignore the header: their answers hold secrets that must not be stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly transaction: RequestTransaction,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const principal = (request as unknown as WithPrincipal)[PRINCIPAL];
    if (request.method !== 'POST' || header === undefined || !principal || !this.transaction.isOpen)
      return next.handle();
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!VALID_KEY.test(key))
      throw new InvalidField('Idempotency-Key', 'must be 1 to 255 visible ASCII characters', null);
    const scope: IdempotencyScope = {
      userId: principal.userId,
      principal: principal.apiKey ? `api_key:${principal.apiKey.id}` : 'user',
      key,
    };
    const requestHash = requestFingerprint(request.method, request.url, request.body);
    return from(this.store.claim(scope)).pipe(
      mergeMap((found) => {
        if (found === 'busy') throw new PlatformError('IDEM002');
        if (found) {
          if (found.requestHash !== requestHash) throw new PlatformError('IDEM001');
          http.getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
          return of(fromStoredResponse(found.response));
        }
        return next.handle().pipe(
          mergeMap(async (result: unknown) => {
            await this.store.remember(scope, { requestHash, response: toStoredResponse(result) });
            return result;
          }),
        );
      }),
    );
  }
}
