import { negotiateVersion, routeToNegotiatedVersion } from './api-version';

describe('API version negotiation', () => {
  it('takes the version from the path first, whatever the headers say', () => {
    expect(negotiateVersion('/api/v2/auth/me', { 'x-api-version': 'v1' })).toEqual({ version: 'v2' });
    expect(negotiateVersion('/api/v1/auth/me?x=1', {})).toEqual({ version: 'v1' });
    expect(negotiateVersion('/api/v9/auth/me', {})).toEqual({ unsupported: 'v9' });
  });

  it('takes X-API-Version, then Accept version=, then the default on unversioned API paths', () => {
    expect(negotiateVersion('/api/auth/me', { 'x-api-version': 'v2' })).toEqual({ version: 'v2' });
    expect(negotiateVersion('/api/auth/me', { accept: 'application/json; version=v2' })).toEqual({
      version: 'v2',
    });
    expect(negotiateVersion('/api/auth/me', {})).toEqual({ version: 'v1' });
    expect(negotiateVersion('/api/auth/me', { 'x-api-version': 'v3' })).toEqual({ unsupported: 'v3' });
    expect(negotiateVersion('/api/auth/me', { accept: 'application/json;version="2.0"' })).toEqual({
      unsupported: '2.0',
    });
  });

  it('leaves paths outside the API alone', () => {
    expect(negotiateVersion('/health/live', { 'x-api-version': 'v9' })).toBeNull();
    expect(negotiateVersion('/apix/v1', {})).toBeNull();
    expect(routeToNegotiatedVersion('/docs', { 'x-api-version': 'v2' })).toBe('/docs');
  });

  it('routes unversioned API paths to the negotiated version', () => {
    expect(routeToNegotiatedVersion('/api/auth/me', { 'x-api-version': 'v2' })).toBe('/api/v2/auth/me');
    expect(routeToNegotiatedVersion('/api/auth/me?a=1', {})).toBe('/api/v1/auth/me?a=1');
    expect(routeToNegotiatedVersion('/api/v1/auth/me', { 'x-api-version': 'v2' })).toBe('/api/v1/auth/me');
    expect(routeToNegotiatedVersion('/api/auth/me', { 'x-api-version': 'v7' })).toBe('/api/auth/me');
  });
});
