/**
 * `npm run test:openapi`: lints the OpenAPI document the API serves with Spectral (`spectral:oas`
 * and the OWASP API Security ruleset, see .spectral.yaml), failing on any error.
 *
 * The app is started in-process on a fresh test database (TEST_DATABASE_URL, as for the e2e
 * tests), so the document is exactly the one served at /api/v1/openapi.json. Extra arguments go
 * to Spectral, e.g. `npm run test:openapi -- --format json` or `-- --fail-severity=warn`.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestApp } from '@erp/test-support';

const ROOT = resolve(__dirname, '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'erp-openapi');

async function servedDocument(): Promise<unknown> {
  const t = await startTestApp();
  try {
    const res = await t.http.get('/api/v1/openapi.json');
    if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
    return res.body as unknown;
  } finally {
    await t.close();
  }
}

async function main(): Promise<number> {
  const document = await servedDocument();
  // Inside the project, where .spectral.yaml's `overrides` (paths relative to it) can name the file.
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `openapi-${process.pid}.json`);
  try {
    // Pretty-printed so Spectral's line numbers point somewhere useful.
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    const spectral = require.resolve('@stoplight/spectral-cli/dist/index.js');
    const args = ['lint', file, '--ruleset', join(ROOT, '.spectral.yaml'), '--fail-severity=error'];
    const run = spawnSync(process.execPath, [spectral, ...args, ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (run.error) throw run.error;
    return run.status ?? 1;
  } finally {
    rmSync(file, { force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
