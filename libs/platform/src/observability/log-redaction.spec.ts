import pino from 'pino';
import { LOG_OPTIONS } from './logging';
import { REDACTED, redactPaths, scrubSecrets } from './log-redaction';

/** One line of the platform's logger (its real options), parsed. */
function logged(object: object, message = 'line'): Record<string, unknown> {
  const lines: string[] = [];
  const logger = pino({ ...LOG_OPTIONS, level: 'trace' }, { write: (line: string) => lines.push(line) });
  logger.info(object, message);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

describe('log redaction', () => {
  it.each(['password', 'token', 'refresh_token', 'access_token', 'secret', 'client_secret'])(
    'hides a field named %s at the top and nested up to four levels down',
    (name) => {
      const line = logged({
        [name]: 'v0',
        body: { [name]: 'v1', user: { [name]: 'v2', deeper: { [name]: 'v3', deepest: { [name]: 'v4' } } } },
        list: [{ [name]: 'v5' }],
        kept: 'visible',
      });
      expect(line).toMatchObject({
        [name]: REDACTED,
        body: {
          [name]: REDACTED,
          user: { [name]: REDACTED, deeper: { [name]: REDACTED, deepest: { [name]: REDACTED } } },
        },
        list: [{ [name]: REDACTED }],
        kept: 'visible',
      });
      expect(JSON.stringify(line)).not.toMatch(/"v\d"/);
    },
  );

  it('hides the Authorization, Cookie, Set-Cookie and X-API-Key headers, and keeps the others', () => {
    const headers = {
      authorization: 'Basic dXNlcjpwYXNz',
      cookie: 'session=abc',
      'set-cookie': ['session=abc; HttpOnly'],
      'x-api-key': 'some-key',
      'user-agent': 'jest',
    };
    const line = logged({ headers, req: { headers }, res: { headers } });
    const hidden = {
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-api-key': REDACTED,
      'user-agent': 'jest',
    };
    expect(line).toMatchObject({ headers: hidden, req: { headers: hidden }, res: { headers: hidden } });
  });

  it('replaces API keys, JWTs and bearer credentials wherever they are in a line', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl';
    expect(
      scrubSecrets(
        `key erpk_3fa9c1d2_e5b6a7f8c9d0 token ${jwt} header Authorization: Bearer opaque-value-123`,
      ),
    ).toBe(`key ${REDACTED} token ${REDACTED} header Authorization: Bearer ${REDACTED}`);
    expect(scrubSecrets('GET /api/v1/organizations/6f1c2e0a-8b7d-4c1e-9f0a-1b2c3d4e5f60 200')).toBe(
      'GET /api/v1/organizations/6f1c2e0a-8b7d-4c1e-9f0a-1b2c3d4e5f60 200',
    );
  });

  it('names header paths with brackets where the name is no identifier', () => {
    expect(redactPaths()).toEqual(
      expect.arrayContaining([
        'password',
        '*.*.*.*.password',
        'headers["x-api-key"]',
        '*.headers.authorization',
      ]),
    );
  });
});
