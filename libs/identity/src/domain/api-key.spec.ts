import { ApiKey, apiKeyStatus } from './api-key';

const NOW = new Date('2026-01-01T09:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const input = {
  organizationId: 'o',
  userId: 'u',
  name: 'k',
  lookupId: '0123456789abcdef',
  secretHash: 'h',
  scopes: null,
  expiresAt: null,
};

describe('ApiKey', () => {
  it('is active until it expires, and revoked for good once revoked', () => {
    const key = ApiKey.create({ ...input, expiresAt: later(1000) }, NOW);
    expect(key.statusAt(NOW)).toBe('active');
    expect(key.statusAt(later(999))).toBe('active');
    expect(key.statusAt(later(1000))).toBe('expired');
    key.revoke(later(10));
    key.revoke(later(20));
    expect(key.revokedAt).toEqual(later(10));
    expect(key.statusAt(later(5000))).toBe('revoked');
    expect(apiKeyStatus(null, null, later(1e12))).toBe('active');
  });

  it('keeps scopes sorted, each once; null scopes stay null (the owner’s permissions)', () => {
    expect(
      ApiKey.create({ ...input, scopes: ['task:read', 'project:read', 'task:read'] }, NOW).scopes,
    ).toEqual(['project:read', 'task:read']);
    expect(ApiKey.create(input, NOW).scopes).toBeNull();
  });

  it('refuses an expiry that is not in the future', () => {
    expect(() => ApiKey.create({ ...input, expiresAt: NOW }, NOW)).toThrow(
      expect.objectContaining({ code: 'VAL003', field: 'expires_at' }),
    );
  });
});
