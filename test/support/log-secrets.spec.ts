import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSecrets, secretLiterals } from './log-secrets';

/** A captured line: pino's JSON (`npm test` scans what the apps really write). */
const line = (msg: string, context = 'Sso') =>
  JSON.stringify({ level: 'warn', time: '2026-01-01T00:00:00.000Z', pid: 1, context, msg });
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImlzcyI6ImVycC1wbGF0Zm9ybSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('the no-secrets-in-logs scanner', () => {
  it('finds each kind of secret planted in a log line, and shows only its start', () => {
    const refresh = randomBytes(32).toString('base64url');
    const planted = [
      line(`token refused: ${JWT}`),
      line(`unsigned ${JWT.split('.').slice(0, 2).join('.')}.`),
      line(`refresh ${refresh} reused`),
      line('key erpk_3fa9c1d2e5b6a7f8 used'),
      line('hash $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'),
      line('header Authorization: Bearer some-opaque-token-value-123'),
      line('body {"password":"pw-0123456789abcdef"}'),
      line('login with hunter2-but-longer'),
    ];
    const findings = findSecrets(planted, ['hunter2-but-longer'], 'capture.log');
    expect(findings.map((f) => [f.at, f.kind])).toEqual([
      ['capture.log:1', 'JWT'],
      ['capture.log:2', 'JWT'],
      ['capture.log:3', 'refresh token'],
      ['capture.log:4', 'API key'],
      ['capture.log:5', 'Argon2 hash'],
      ['capture.log:6', 'bearer credential'],
      ['capture.log:7', 'test password'],
      ['capture.log:8', 'test secret'],
    ]);
    for (const finding of findings) expect(finding.excerpt).toMatch(/^.{1,6}…\(\d+ chars\)$/);
    expect(JSON.stringify(findings)).not.toContain(refresh);
  });

  it('lets ordinary log lines through', () => {
    const ordinary = [
      line(
        'SSO sign-in of subject 6f1c2e0a-8b7d-4c1e-9f0a-1b2c3d4e5f60 (http://127.0.0.1:1/realms/erp) refused',
      ),
      JSON.stringify({
        level: 'info',
        context: 'Http',
        msg: 'request completed',
        request_id: 'd2f0c8a4-5b1e-4c3a-9e7f-0a1b2c3d4e5f',
        principal: { type: 'api_key', api_key_id: '0b5e7c1d-2a3f-4e6d-8c9b-0a1b2c3d4e5f' },
        url: '/api/v1/organizations/6f1c2e0a-8b7d-4c1e-9f0a-1b2c3d4e5f60/tasks',
        route: '/api/v1/organizations/:organizationId/tasks',
      }),
      line(
        'Mapped {/api/v1/organizations/:organizationId/users/:userId/roles, DELETE} route',
        'RouterExplorer',
      ),
      line('Token introspection at https://sso.example/realms/erp failed: status 500'),
      line('sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    ];
    expect(findSecrets(ordinary, ['hunter2-but-longer'])).toEqual([]);
  });

  it('collects the passwords and secrets test sources write as literals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-literals-'));
    const file = join(dir, 'x.e2e-spec.ts');
    writeFileSync(
      file,
      [
        "const WRONG_PASSWORD = 'wrong-password-4e1f';",
        "post({ username: 'a', password: 'a-long-password-1' });",
        "config({ OIDC_INTROSPECTION_CLIENT_SECRET: 'client-secret-9' });",
        "const password = `${name}-pw`; const short = { password: 'short' };",
        "const message = 'Invalid username or password';",
      ].join('\n'),
    );
    expect(secretLiterals([file])).toEqual(['a-long-password-1', 'client-secret-9', 'wrong-password-4e1f']);
  });
});
