import { Clock } from '@erp/kernel';
import { AppConfig, Principal } from '@erp/platform';
import { SsoPrincipalCache } from './sso-principal.cache';

class MovableClock extends Clock {
  private at = Date.UTC(2026, 0, 1);
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

const ISSUER = 'https://sso.test/realms/erp';
const principal = (userId: string): Principal => ({
  kind: 'user',
  userId,
  platformAdmin: false,
  via: 'sso',
  subject: { issuer: ISSUER, subject: `sub-${userId}` },
});
const cacheFor = (seconds: number) => {
  const clock = new MovableClock();
  const config = { OIDC_PRINCIPAL_CACHE_SECONDS: seconds } as AppConfig;
  return { clock, cache: new SsoPrincipalCache(config, clock) };
};

describe('SsoPrincipalCache', () => {
  it('answers for the same subject and mapped roles until the TTL has passed', () => {
    const { clock, cache } = cacheFor(60);
    cache.set(ISSUER, 's1', 'roles-a', principal('u1'));
    expect(cache.get(ISSUER, 's1', 'roles-a')).toEqual(principal('u1'));
    expect(cache.get(ISSUER, 's1', 'roles-b')).toBeNull();
    expect(cache.get('https://other.test/realms/erp', 's1', 'roles-a')).toBeNull();
    clock.advance(59_999);
    expect(cache.get(ISSUER, 's1', 'roles-a')).toEqual(principal('u1'));
    clock.advance(1);
    expect(cache.get(ISSUER, 's1', 'roles-a')).toBeNull();
  });

  it('remembers nothing with a TTL of 0', () => {
    const { cache } = cacheFor(0);
    cache.set(ISSUER, 's1', 'r', principal('u1'));
    expect(cache.get(ISSUER, 's1', 'r')).toBeNull();
  });

  it('evicts every entry of a user, whichever subject or realm it came through', () => {
    const { cache } = cacheFor(60);
    cache.set(ISSUER, 's1', 'r', principal('u1'));
    cache.set('https://other.test/realms/erp', 's9', 'r', principal('u1'));
    cache.set(ISSUER, 's2', 'r', principal('u2'));
    cache.evictUser('u1');
    expect(cache.get(ISSUER, 's1', 'r')).toBeNull();
    expect(cache.get('https://other.test/realms/erp', 's9', 'r')).toBeNull();
    expect(cache.get(ISSUER, 's2', 'r')).toEqual(principal('u2'));
  });

  it('is bounded: past 10 000 subjects the oldest entry goes first', () => {
    const { cache } = cacheFor(60);
    for (let i = 0; i <= 10_000; i += 1) cache.set(ISSUER, `s${i}`, 'r', principal(`u${i}`));
    expect(cache.get(ISSUER, 's0', 'r')).toBeNull();
    expect(cache.get(ISSUER, 's1', 'r')).toEqual(principal('u1'));
    expect(cache.get(ISSUER, 's10000', 'r')).toEqual(principal('u10000'));
  });
});
