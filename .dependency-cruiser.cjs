/**
 * Import rules of DESIGN.md §2, checked by `npm run lint`.
 *
 * A bounded context is any folder under libs/ other than kernel and platform, so the rules
 * apply to contexts added later without touching this file. `$1` in a `to` pattern is the
 * context captured by the `from` pattern of the same rule.
 */

/** libs/<context>/ for every bounded context; group 1 is the context name. */
const CONTEXT = '^libs/((?!kernel/|platform/)[^/]+)/';
/** Any bounded context (no capture), for `to` patterns. */
const ANY_CONTEXT = '^libs/(?!kernel/|platform/)[^/]+/';
const TEST_FILE = '(^test/|[.](spec|int-spec|e2e-spec)[.]ts$)';
const FRAMEWORKS = '(^|node_modules/)(@nestjs/|typeorm(/|$)|class-validator(/|$)|class-transformer(/|$))';

module.exports = {
  forbidden: [
    // ---- bounded context layers -------------------------------------------------------------
    {
      name: 'domain-no-frameworks',
      severity: 'error',
      comment: 'The domain is plain TypeScript: no Nest, TypeORM, class-validator/transformer or Swagger.',
      from: { path: `${CONTEXT}src/domain/` },
      to: { path: [FRAMEWORKS, '^libs/platform/'] },
    },
    {
      name: 'domain-only-domain-and-kernel',
      severity: 'error',
      comment:
        "A context's domain imports only its own domain, libs/kernel and node builtins " +
        '(other contexts are referred to by id only).',
      from: { path: `${CONTEXT}src/domain/` },
      to: {
        pathNot: ['^libs/$1/src/domain/', '^libs/kernel/src/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'application-not-to-infrastructure-or-presentation',
      severity: 'error',
      comment: 'Use cases depend on ports (abstract classes in domain), never on adapters or controllers.',
      from: { path: `${CONTEXT}src/application/` },
      to: { path: '^libs/$1/src/(infrastructure|presentation)/' },
    },
    {
      name: 'infrastructure-not-to-presentation',
      severity: 'error',
      from: { path: `${CONTEXT}src/infrastructure/` },
      to: { path: '^libs/$1/src/presentation/' },
    },
    {
      name: 'presentation-only-to-queries',
      severity: 'error',
      comment:
        'Controllers may use the read side (infrastructure/*.queries.ts), not repositories or mappings.',
      from: { path: `${CONTEXT}src/presentation/` },
      to: { path: '^libs/$1/src/infrastructure/', pathNot: '[.]queries[.]ts$' },
    },
    {
      name: 'context-only-through-index',
      severity: 'error',
      comment: 'Another bounded context is reachable only through its public libs/<context>/src/index.ts.',
      from: { path: CONTEXT },
      to: {
        path: ANY_CONTEXT,
        pathNot: ['^libs/$1/', '^libs/[^/]+/src/index[.]ts$'],
      },
    },

    // ---- shared libraries -------------------------------------------------------------------
    {
      name: 'kernel-is-pure',
      severity: 'error',
      comment: 'libs/kernel is pure TypeScript: no other libs, no npm packages (node builtins only).',
      from: { path: '^libs/kernel/' },
      to: { pathNot: '^libs/kernel/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'platform-not-to-contexts',
      severity: 'error',
      comment: 'Cross-cutting infrastructure must not know the bounded contexts.',
      from: { path: '^libs/platform/' },
      to: { path: ANY_CONTEXT },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Apps compose libs, never the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'production-not-to-test',
      severity: 'error',
      comment: 'Shipped code must not import test support.',
      from: { path: '^(apps|libs|migrations)/', pathNot: TEST_FILE },
      to: { path: '^test/' },
    },

    // ---- hygiene ------------------------------------------------------------------------------
    {
      name: 'no-circular',
      severity: 'warn',
      comment: 'Circular imports make module initialisation order fragile (and Nest DI undefined).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'Shipped code depends on a devDependency, which `npm prune --omit=dev` removes from the image. ' +
        "Move the package to 'dependencies'.",
      from: { path: '^(apps|libs|migrations)/', pathNot: TEST_FILE },
      to: {
        dependencyTypes: ['npm-dev'],
        // type-only imports are erased by the compiler
        dependencyTypesNot: ['type-only'],
        pathNot: ['node_modules/@types/'],
      },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        'Requires a package not declared in package.json (a transitive one may vanish on any update): ' +
        'declare it. Type-only imports are erased, so they are tolerated.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],

  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)dist/', '(^|/)coverage/', '^[.]data/'] },
    moduleSystems: ['cjs', 'es6'],
    // keep type-only imports: a domain importing a TypeORM type is still a violation
    tsPreCompilationDeps: true,
    // resolves the @erp/* path aliases
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      archi: { collapsePattern: '^(?:apps|libs)/[^/]+|node_modules/(?:@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
