import type { FastifyRequest } from 'fastify';
import { PRINCIPAL, Principal } from '../auth/principal';
import { rateLimitSubject } from './rate-limit.guard';

const request = (url: string, principal?: Principal) =>
  ({ url, ip: '192.0.2.7', [PRINCIPAL]: principal }) as unknown as FastifyRequest;
const user: Principal = { kind: 'user', userId: 'u-1', platformAdmin: false, via: 'password' };

describe('rateLimitSubject', () => {
  it('counts API keys per key, users per user, anonymous callers per IP', () => {
    const key = {
      ...user,
      via: 'api_key' as const,
      apiKey: { id: 'k-1', organizationId: 'o', scopes: null },
    };
    expect(rateLimitSubject(request('/api/v1/organizations', key))).toEqual({
      kind: 'api_key',
      tracker: 'key:k-1',
    });
    expect(rateLimitSubject(request('/api/v1/organizations', user))).toEqual({
      kind: 'user',
      tracker: 'user:u-1',
    });
    expect(rateLimitSubject(request('/api/v1/meta/errors'))).toEqual({
      kind: 'anonymous',
      tracker: 'ip:192.0.2.7',
    });
  });

  it('counts the token endpoints per IP under the strict tier, signed in or not', () => {
    for (const url of ['/api/v1/auth/token/obtain', '/api/v1/auth/token/refresh', '/api/v1/auth/logout'])
      expect(rateLimitSubject(request(url, user))).toEqual({ kind: 'auth', tracker: 'auth:ip:192.0.2.7' });
    expect(rateLimitSubject(request('/api/v1/auth/me', user)).kind).toBe('user');
  });
});
