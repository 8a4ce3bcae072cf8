import { apiKeyInQuery } from './api-key-rules';

describe('apiKeyInQuery', () => {
  it.each(['api_key', 'apikey', 'API_KEY', 'apiKey', 'Api-Key', 'x-api-key', 'X_API_KEY', 'key', 'KEY'])(
    'finds a key parameter named %s, whatever its value',
    (name) => {
      expect(apiKeyInQuery({ [name]: 'anything' })).toBe(true);
    },
  );

  it('finds a value that starts with the key prefix under any name, also in repeated parameters', () => {
    expect(apiKeyInQuery({ q: 'erpk_0123' })).toBe(true);
    expect(apiKeyInQuery({ token: 'ERPK_0123' })).toBe(true);
    expect(apiKeyInQuery({ q: ['fine', 'erpk_0123'] })).toBe(true);
  });

  it('leaves ordinary queries alone', () => {
    expect(apiKeyInQuery({ q: 'pump', status: 'todo', page: '2', monkey: 'x', keyword: 'y' })).toBe(false);
    expect(apiKeyInQuery({ q: 'about erpk_ keys' })).toBe(false);
    expect(apiKeyInQuery({})).toBe(false);
    expect(apiKeyInQuery(undefined)).toBe(false);
  });
});
