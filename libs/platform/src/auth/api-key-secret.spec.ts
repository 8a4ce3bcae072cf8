import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, apiKeyHashMatches, newApiKeySecret, parseApiKey } from './api-key-secret';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('API key secrets', () => {
  it('makes keys of the documented shape: prefix, public lookup id, 256-bit secret', () => {
    const { key, lookupId, hash } = newApiKeySecret();
    expect(key).toMatch(/^erpk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${API_KEY_PREFIX}${lookupId}_`)).toBe(true);
    expect(Buffer.from(key.slice(22), 'base64url')).toHaveLength(32);
    expect(hash).toBe(sha256(key));
    expect(newApiKeySecret().key).not.toBe(key);
  });

  it('parses a presented key into its lookup id and hash', () => {
    const { key, lookupId, hash } = newApiKeySecret();
    expect(parseApiKey(key)).toEqual({ lookupId, hash });
  });

  it.each([
    ['empty', ''],
    ['another prefix', `erpx_0123456789abcdef_${'a'.repeat(43)}`],
    ['upper-case lookup id', `erpk_0123456789ABCDEF_${'a'.repeat(43)}`],
    ['short lookup id', `erpk_0123456789abcde_${'a'.repeat(43)}`],
    ['short secret', `erpk_0123456789abcdef_${'a'.repeat(42)}`],
    ['long secret', `erpk_0123456789abcdef_${'a'.repeat(44)}`],
    ['padding', `erpk_0123456789abcdef_${'a'.repeat(42)}=`],
    ['standard base64', `erpk_0123456789abcdef_${'a'.repeat(42)}+`],
    ['surrounding space', ` erpk_0123456789abcdef_${'a'.repeat(43)}`],
    ['trailing newline', `erpk_0123456789abcdef_${'a'.repeat(43)}\n`],
    ['a bearer token', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'],
  ])('refuses a key that is not of that shape (%s)', (_case, presented) => {
    expect(parseApiKey(presented)).toBeNull();
  });

  it('compares hashes exactly, refusing anything that is not a SHA-256 digest', () => {
    const hash = sha256('x');
    expect(apiKeyHashMatches(hash, hash)).toBe(true);
    expect(apiKeyHashMatches(sha256('y'), hash)).toBe(false);
    expect(apiKeyHashMatches('', '')).toBe(false);
    expect(apiKeyHashMatches(hash.slice(0, 62), hash.slice(0, 62))).toBe(false);
    expect(apiKeyHashMatches('zz'.repeat(32), 'zz'.repeat(32))).toBe(false);
  });
});
