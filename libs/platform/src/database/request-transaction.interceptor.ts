import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuditRecorder } from '../audit/audit-recorder';
import { RequestTransaction } from './request-transaction';

/**
 * Commits the request's transaction when the handler succeeds, rolls it back when it throws. The
 * request's audit row is the last statement before COMMIT, so the chain's lock is held briefly.
 */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly audit: AuditRecorder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: Record<string, string> }>>();
    this.audit.begin(request);
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          this.audit
            .succeeded(request, result)
            .then(() => this.transaction.finish('commit'))
            .then(() => result),
        ),
      ),
      catchError((error: unknown) =>
        from(this.transaction.finish('rollback')).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}
