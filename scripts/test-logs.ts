/**
 * `npm run test:logs -- reset|check`: the "no secret in logs" check of `npm test`.
 *
 * `npm test` runs every tier with `TEST_LOG_CAPTURE=.test-logs`, so each test process (and each app
 * it spawns) appends every JSON line the apps log, at every level, to `.test-logs/<pid>.log` (see
 * `configureLogging` and test/support/log-capture.setup.ts). `reset` empties the
 * folder before the run; `check` scans it afterwards and fails on any JWT, refresh token, API key,
 * Argon2 hash, bearer credential or password/secret the tests use — and on an empty capture, which
 * would prove nothing.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSecrets, secretLiterals, TEST_LOG_DIR, typeScriptFiles } from '@erp/test-support';

const ROOT = resolve(__dirname, '..');
const DIR = join(ROOT, TEST_LOG_DIR);

function check(): number {
  const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.log')) : [];
  const literals = secretLiterals([
    ...typeScriptFiles(join(ROOT, 'test')),
    ...typeScriptFiles(join(ROOT, 'apps')),
  ]);
  let scanned = 0;
  const findings = files.flatMap((file) => {
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n').filter(Boolean);
    scanned += lines.length;
    return findSecrets(lines, literals, join(TEST_LOG_DIR, file));
  });
  for (const finding of findings.slice(0, 50))
    console.error(`${finding.at}: ${finding.kind} ${finding.excerpt}`);
  const summary = `${scanned} log lines from ${files.length} test processes, ${literals.length} test secrets`;
  if (scanned === 0) {
    console.error(
      `No secret in logs: nothing was captured in ${TEST_LOG_DIR}/ (${summary}): the check proves nothing`,
    );
    return 1;
  }
  if (findings.length > 0) {
    console.error(`No secret in logs: ${findings.length} lines with a secret (${summary})`);
    return 1;
  }
  console.log(`No secret in logs: scanned ${summary}, found none`);
  return 0;
}

const command = process.argv[2];
if (command === 'reset') rmSync(DIR, { recursive: true, force: true });
else if (command === 'check') process.exit(check());
else {
  console.error('usage: test-logs.ts reset|check');
  process.exit(2);
}
