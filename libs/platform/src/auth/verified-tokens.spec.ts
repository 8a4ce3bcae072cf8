import { loadConfig } from '../config/app-config';
import { AccessTokenService } from './access-token.service';
import { VerifiedTokens } from './verified-tokens';
import type { Principal } from './principal';

const principal = (userId: string): Principal => ({
  kind: 'user',
  userId,
  platformAdmin: false,
  via: 'password',
});

describe('VerifiedTokens', () => {
  it('remembers a token until its expiry, then forgets it', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('t', principal('u'), 1_000 + 60); // exp in seconds: 60 s after now
    expect(tokens.get('t')).toEqual(principal('u'));
    now += 59_999;
    expect(tokens.get('t')).toEqual(principal('u'));
    now += 1;
    expect(tokens.get('t')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most its capacity, the oldest leaving first', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('a', principal('a'), 100);
    tokens.remember('b', principal('b'), 100);
    tokens.remember('c', principal('c'), 100);
    expect([tokens.get('a'), tokens.get('b')?.userId, tokens.get('c')?.userId]).toEqual([
      undefined,
      'b',
      'c',
    ]);
  });
});

describe('AccessTokenService: verified tokens', () => {
  const service = () =>
    new AccessTokenService(
      loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-0123456789-0123456789-0123456789' }),
    );

  it('remembers only tokens it verified: a tampered copy is still refused', () => {
    const tokens = service();
    const token = tokens.sign({ kind: 'user', userId: 'u-1', platformAdmin: false });
    expect(tokens.remembered(token)).toBeUndefined();
    expect(tokens.verify(token)).toMatchObject({ userId: 'u-1' });
    expect(tokens.remembered(token)).toMatchObject({ userId: 'u-1' });
    const [head, body, signature] = token.split('.');
    const tampered = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(tokens.remembered(tampered)).toBeUndefined();
    expect(() => tokens.verify(tampered)).toThrow('AUTH003');
  });

  it('forgets a token once it expires: then it is refused as expired', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    try {
      const tokens = service();
      const token = tokens.sign({ kind: 'user', userId: 'u-2', platformAdmin: false });
      tokens.verify(token);
      jest.setSystemTime(Date.now() + (tokens.ttlSeconds + 10) * 1000);
      expect(tokens.remembered(token)).toBeUndefined();
      expect(() => tokens.verify(token)).toThrow('AUTH002');
    } finally {
      jest.useRealTimers();
    }
  });
});
