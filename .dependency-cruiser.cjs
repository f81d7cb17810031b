/**
 * Boundaries between the packages, checked by `npm run lint:deps` (dependency-cruiser) as part of `npm test`.
 * Paths are relative to the folder the check runs in (the repository root; a fixture tree in the test of this
 * rule set: test/platform/boundaries.e2e-spec.ts).
 *
 * Type-only imports count: a lib that names another lib's types still depends on it. The one allowance is
 * libs/mappers -> libs/legacy-db with `import type` (the mappers take legacy rows, whose types are the legacy-db
 * entities); a value import there would bring the ORM along and is reported.
 * Test helpers (`src/testing/`, `*.spec.ts`) are not shipped (tsconfig.build.json excludes them) and may use a
 * database to check mappers against real rows: the "no driver" and "types only" rules skip them.
 */
const TEST_CODE = '(^|/)(testing/|[^/]+\\.spec\\.ts$|[^/]+\\.e2e-spec\\.ts$)';
const DRIVERS = 'node_modules/(typeorm|mssql|tedious|pg|pg-[^/]+|better-sqlite3|@nestjs/typeorm)/';
const FHIR_PACKAGES = 'node_modules/(fhir|fhirpath|fhirclient|@medplum/[^/]+|@types/fhir)/';

module.exports = {
  forbidden: [
    {
      name: 'libs-not-to-apps',
      comment: 'A library never imports an application.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-each-other',
      comment: 'The FHIR API and the authorization server share code only through libs (the launcher may start both).',
      severity: 'error',
      from: { path: '^apps/(fhir-api|auth)/' },
      to: { path: '^apps/([^/]+)/', pathNot: ['^apps/$1/'] },
    },
    {
      name: 'fhir-and-mappers-no-database-driver',
      comment: 'libs/fhir and libs/mappers are pure: no ORM, no database driver (test helpers excepted).',
      severity: 'error',
      from: { path: '^libs/(fhir|mappers)/', pathNot: TEST_CODE },
      to: { path: DRIVERS },
    },
    {
      name: 'fhir-no-legacy-db',
      comment: 'The FHIR core knows nothing of the legacy database.',
      severity: 'error',
      from: { path: '^libs/fhir/' },
      to: { path: '^libs/legacy-db/' },
    },
    {
      name: 'mappers-legacy-db-types-only',
      comment: 'libs/mappers may name legacy row types (import type) but not load libs/legacy-db (and its ORM).',
      severity: 'error',
      from: { path: '^libs/mappers/', pathNot: TEST_CODE },
      to: { path: '^libs/legacy-db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'legacy-db-no-fhir',
      comment: 'The legacy database layer knows no FHIR: not libs/fhir, not libs/mappers, no FHIR package.',
      severity: 'error',
      from: { path: '^libs/legacy-db/' },
      to: { path: [`^libs/(fhir|mappers)/`, FHIR_PACKAGES] },
    },
    {
      name: 'time-is-a-leaf',
      comment: 'libs/time imports nothing of ours.',
      severity: 'error',
      from: { path: '^libs/time/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/time/' },
    },
    {
      name: 'engine-not-to-http',
      comment:
        'The FHIR engine does not depend on the HTTP layer (json-text, the memoised bytes of cached resources, is the ' +
        "engine's: engine/cache/json-text.ts).",
      severity: 'error',
      from: { path: '^apps/fhir-api/src/engine/' },
      to: { path: '^apps/fhir-api/src/http/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a mistyped #facade/<lib> specifier included).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/|^test/platform/fixtures/boundaries/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['types', 'typings', 'module', 'main'],
    },
  },
};
