import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { RequestTransaction } from './request-transaction';

/** Commits the request's transaction when the handler succeeds, rolls it back when it throws. */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(private readonly transaction: RequestTransaction) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap((result: unknown) => from(this.transaction.finish('commit').then(() => result))),
      catchError((error: unknown) =>
        from(this.transaction.finish('rollback')).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}
