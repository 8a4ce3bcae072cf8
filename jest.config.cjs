const swc = ['@swc/jest', { swcrc: true }];
const fs = require('node:fs');
const path = require('node:path');

// Nest 12 and some of its dependencies ship ESM only; Jest's CommonJS runtime needs them compiled.
function esmPackages(dir = path.join(__dirname, 'node_modules')) {
  const found = [];
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      found.push(...esmPackages(path.join(dir, entry)).map((name) => `${entry}/${name}`));
      continue;
    }
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, entry, 'package.json'), 'utf8'));
      if (pkg.type === 'module') found.push(entry);
    } catch {
      // not a package
    }
  }
  return found;
}
const esm = ['@nestjs', ...esmPackages()].map((name) => name.replace(/[.+]/g, '\\$&'));
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join('|')})/)`],
  moduleNameMapper: {
    '^@erp/platform/(.*)$': '<rootDir>/libs/platform/src/$1',
    '^@erp/test-support$': '<rootDir>/test/support',
    '^@erp/migrations$': '<rootDir>/migrations',
    '^@erp/api/(.*)$': '<rootDir>/apps/api/src/$1',
    '^@erp/worker/(.*)$': '<rootDir>/apps/worker/src/$1',
    '^@erp/(.*)$': '<rootDir>/libs/$1/src',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/log-capture.setup.ts'],
};
module.exports = {
  // An e2e hook boots an app on a fresh database and signs users in (argon2): on a busy 2-core
  // machine that can take longer than Jest's 5 s default. Nothing here measures speed (see bench).
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // `npm run test:scale` only (not in `npm test`): processes behind haproxy, with faults.
    {
      ...common,
      displayName: 'scale',
      testMatch: ['<rootDir>/test/scale/**/*.scale-spec.ts'],
      globalSetup: '<rootDir>/test/scale/support/build.global-setup.ts',
    },
  ],
};
