import { DEFAULT_RATE_LIMITS, parseRateLimits } from './rate-limits';

describe('parseRateLimits', () => {
  it('keeps the defaults for kinds left out', () => {
    expect(parseRateLimits(undefined)).toEqual(DEFAULT_RATE_LIMITS);
    expect(parseRateLimits('user=10/60, auth=3/30')).toEqual({
      ...DEFAULT_RATE_LIMITS,
      user: { limit: 10, windowSeconds: 60 },
      auth: { limit: 3, windowSeconds: 30 },
    });
  });

  it.each(['user=10', 'nobody=1/60', 'user=0/60', 'user=5/0', 'user=5/100000', 'user=-1/60'])(
    'refuses %s',
    (text) => expect(() => parseRateLimits(text)).toThrow(/RATE_LIMITS/),
  );
});
