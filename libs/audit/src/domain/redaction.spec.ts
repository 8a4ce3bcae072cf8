import { changeSet, isSecretField, redact, REDACTED } from './redaction';

describe('redaction', () => {
  it.each([
    'password',
    'password_hash',
    'passwordHash',
    'refresh_token',
    'accessToken',
    'secret',
    'client_secret',
    'key',
    'api_key',
    'keyHash',
    'tokenHash',
    'Authorization',
  ])('treats %s as a secret', (name) => expect(isSecretField(name)).toBe(true));

  it.each(['name', 'email', 'full_name', 'keyPrefix', 'department_id', 'version', 'monkey'])(
    'keeps %s',
    (name) => expect(isSecretField(name)).toBe(false),
  );

  it('redacts at any depth, in arrays too', () => {
    expect(
      redact({ email: 'a@x', passwordHash: '$argon2', nested: [{ token: 't', ok: 1 }], key: 'erp_123' }),
    ).toEqual({ email: 'a@x', passwordHash: REDACTED, nested: [{ token: REDACTED, ok: 1 }], key: REDACTED });
  });

  it('keeps only the changed fields of an update, and whole records for creates and deletes', () => {
    const before = { id: '1', title: 'Old', status: 'todo', passwordHash: 'h1', version: 1 };
    const after = { id: '1', title: 'New', status: 'todo', passwordHash: 'h2', version: 2 };
    // A secret that changed shows up as changed, never with its value.
    expect(changeSet(before, after)).toEqual({
      before: { title: 'Old', version: 1 },
      after: { title: 'New', version: 2 },
    });
    expect(changeSet(null, after)).toEqual({ before: null, after: { ...after, passwordHash: REDACTED } });
    expect(changeSet(before, null)).toEqual({ before: { ...before, passwordHash: REDACTED }, after: null });
  });
});
