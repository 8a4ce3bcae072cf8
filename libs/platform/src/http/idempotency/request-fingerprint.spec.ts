import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('ignores the order of object keys, at any depth', () => {
    expect(requestFingerprint('post', '/x', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      requestFingerprint('POST', '/x', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('tells apart other bodies, paths, queries and array orders', () => {
    const base = requestFingerprint('POST', '/x', { a: [1, 2] });
    expect(requestFingerprint('POST', '/x', { a: [2, 1] })).not.toBe(base);
    expect(requestFingerprint('POST', '/y', { a: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST', '/x?v=2', { a: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST', '/x', { a: [1, 2], b: null })).not.toBe(base);
  });
});
