import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';

/**
 * Exempts a controller or route from rate limiting, and says so in the OpenAPI document (no 429,
 * no X-RateLimit headers there).
 */
export const NotRateLimited = () => applyDecorators(SkipThrottle(), ApiExtension('x-not-rate-limited', true));
