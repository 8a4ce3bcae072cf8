import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every API key starts with this, so scanners (logs, repositories) can recognize one. */
export const API_KEY_PREFIX = 'erpk_';

/** `erpk_` + public lookup id (16 hex) + `_` + secret (32 random bytes, base64url). */
const API_KEY_FORMAT = /^erpk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A key as presented: the lookup id that finds its row, and the SHA-256 the row must hold. */
export interface PresentedApiKey {
  lookupId: string;
  hash: string;
}

/** A new key: `key` is shown to its owner once; only `lookupId` and `hash` are stored. */
export interface NewApiKeySecret extends PresentedApiKey {
  key: string;
}

/** SHA-256 is right here: the secret carries 256 bits of entropy, so a slow hash would add nothing. */
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function newApiKeySecret(): NewApiKeySecret {
  const lookupId = randomBytes(8).toString('hex');
  const key = `${API_KEY_PREFIX}${lookupId}_${randomBytes(32).toString('base64url')}`;
  return { key, lookupId, hash: sha256(key) };
}

/** The lookup id and hash of a presented key, or null when it is not shaped like one. */
export function parseApiKey(presented: string): PresentedApiKey | null {
  const match = API_KEY_FORMAT.exec(presented);
  return match ? { lookupId: match[1], hash: sha256(presented) } : null;
}

/** Compares two hex SHA-256 digests in constant time. */
export function apiKeyHashMatches(presentedHash: string, storedHash: string): boolean {
  const a = Buffer.from(presentedHash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}
