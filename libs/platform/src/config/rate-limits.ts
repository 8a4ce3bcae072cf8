/** The kinds of caller a limit applies to (contract §8); each has its own tier from configuration. */
export const RATE_LIMIT_KINDS = ['anonymous', 'user', 'api_key', 'auth'] as const;
export type RateLimitKind = (typeof RATE_LIMIT_KINDS)[number];

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export type RateLimits = Record<RateLimitKind, RateLimit>;

/**
 * Defaults: a signed-in user 1000 requests an hour (the seed's standard tier), an API key 5000 (the
 * premium tier: integrations batch), an anonymous IP 300, and the token endpoints 20 per IP in 5 minutes.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  anonymous: { limit: 300, windowSeconds: 3600 },
  user: { limit: 1000, windowSeconds: 3600 },
  api_key: { limit: 5000, windowSeconds: 3600 },
  auth: { limit: 20, windowSeconds: 300 },
};

const ENTRY = /^(\w+)=(\d+)\/(\d+)$/;

/**
 * `RATE_LIMITS`: `kind=limit/seconds` entries separated by commas, e.g.
 * `user=1000/3600,api_key=5000/3600`; kinds left out keep their default.
 */
export function parseRateLimits(text: string | undefined): RateLimits {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  for (const entry of (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = ENTRY.exec(entry);
    const kind = match?.[1] as RateLimitKind | undefined;
    if (!match || !kind || !RATE_LIMIT_KINDS.includes(kind))
      throw new Error(
        `RATE_LIMITS: '${entry}' is not <kind>=<limit>/<seconds> with a kind among ${RATE_LIMIT_KINDS.join(', ')}`,
      );
    const limit = Number(match[2]);
    const windowSeconds = Number(match[3]);
    if (limit < 1 || windowSeconds < 1 || windowSeconds > 86_400)
      throw new Error(`RATE_LIMITS: '${entry}' needs a limit ≥ 1 and a window of 1 to 86400 seconds`);
    limits[kind] = { limit, windowSeconds };
  }
  return limits;
}
