import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm test` collects what the app logs (`TEST_LOG_CAPTURE`, git-ignored). */
export const TEST_LOG_DIR = '.test-logs';

/** The shapes of the secrets the platform handles: none may ever be logged. */
export const SECRET_PATTERNS: { name: string; pattern: RegExp }[] = [
  // Own access tokens, realm access/refresh/ID tokens: three base64url segments, the first `{"...`.
  { name: 'JWT', pattern: /eyJ[\w-]+\.[\w-]+\.[\w-]*/ },
  // Refresh tokens: 32 random bytes in base64url (sql-refresh-token.store.ts).
  { name: 'refresh token', pattern: /(?<![\w-])(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{43}(?![\w-])/ },
  { name: 'API key', pattern: /erpk_[\w-]{8,}/ },
  { name: 'Argon2 hash', pattern: /\$argon2(?:id|i|d)\$/ },
  { name: 'bearer credential', pattern: /bearer\s+[\w.~+/-]{20,}/i },
  // Scenario.addMember's member passwords.
  { name: 'test password', pattern: /\bpw-[0-9a-f]{16}\b/ },
];

export interface SecretFinding {
  /** Where: `file:line`. */
  at: string;
  kind: string;
  /** The start of what matched, never the whole secret. */
  excerpt: string;
}

const redact = (secret: string): string => `${secret.slice(0, 6)}…(${secret.length} chars)`;

/**
 * Every line that contains a secret: one of `SECRET_PATTERNS`, or one of `literals` (passwords
 * and secrets the tests use).
 */
export function findSecrets(
  lines: readonly string[],
  literals: readonly string[],
  source = 'log',
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  lines.forEach((line, index) => {
    const at = `${source}:${index + 1}`;
    for (const { name, pattern } of SECRET_PATTERNS) {
      const match = pattern.exec(line);
      if (match) findings.push({ at, kind: name, excerpt: redact(match[0]) });
    }
    for (const literal of literals)
      if (line.includes(literal)) findings.push({ at, kind: 'test secret', excerpt: redact(literal) });
  });
  return findings;
}

/** `password: '...'`, `SECRET = '...'` and the like in test sources: the literal secrets tests send. */
const SECRET_LITERAL = /(?:password|secret)\w*['"]?\s*[:=]\s*['`]([^'`$<\n][^'`$\n]{7,})['`]/gi;

/** Passwords and secrets written as literals in the given TypeScript files (test sources). */
export function secretLiterals(files: readonly string[]): string[] {
  const found = new Set<string>();
  for (const file of files)
    for (const match of readFileSync(file, 'utf8').matchAll(SECRET_LITERAL)) found.add(match[1]);
  return [...found].sort();
}

/** `*.ts` files under `dir`, recursively. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
