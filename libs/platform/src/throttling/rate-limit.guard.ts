import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL, WithPrincipal } from '../auth/principal';
import type { RateLimitKind } from '../config/rate-limits';
import { PlatformError } from '../http/error-mapping';

/** The token endpoints: limited per IP, more strictly than anything else. */
const TOKEN_ENDPOINTS = /^\/api\/v\d+\/auth\/(token\/|logout)/;

/** Who a request counts against: its kind of caller (which picks the tier) and the counter's key. */
export function rateLimitSubject(request: FastifyRequest): { kind: RateLimitKind; tracker: string } {
  if (TOKEN_ENDPOINTS.test(request.url)) return { kind: 'auth', tracker: `auth:ip:${request.ip}` };
  const principal = (request as unknown as WithPrincipal)[PRINCIPAL];
  if (principal?.apiKey) return { kind: 'api_key', tracker: `key:${principal.apiKey.id}` };
  if (principal) return { kind: 'user', tracker: `user:${principal.userId}` };
  return { kind: 'anonymous', tracker: `ip:${request.ip}` };
}

/**
 * Rate limits per user, per API key, and per IP for anonymous calls and the token endpoints
 * (contract §8), counted across all instances in Redis. Runs after authentication (it needs the
 * principal) and before the policy guard (a refused request costs no database work). Every limited
 * answer carries `X-RateLimit-Limit`, `-Remaining` and `-Reset`; a refusal is 429 RATE001 with
 * `Retry-After`, and the caller stays blocked for `RATE_LIMIT_BLOCK_SECONDS`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('X-RateLimit-Limit', detail.limit);
    void reply.header('X-RateLimit-Remaining', 0);
    void reply.header('X-RateLimit-Reset', detail.timeToBlockExpire);
    throw new PlatformError('RATE001', {}, { 'Retry-After': String(detail.timeToBlockExpire) });
  }
}
