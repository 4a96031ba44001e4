/** Three kinds of test (docs/architecture.md#code-layout-and-conventions): unit (no I/O), int (real PostgreSQL), e2e (the running app over HTTP). */
const { availableParallelism } = require('node:os');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const withDatabase = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};

const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  testTimeout: 60000,
};

module.exports = {
  testTimeout: 60000,
  // Jest's default is one worker per core but one; the int and e2e suites mostly wait on PostgreSQL
  // and HTTP, so on the 2-core CI machine two workers take the run from ~8 to ~6 minutes.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // A worker that ran whole networks (test/e2e) has released every handle a few ms after its last
  // test, but its process then takes up to ~0.5 s to end on a busy 2-core machine (measured: the
  // child's 'exit' event 5–14 ms after jest's end message, the parent seeing it at 542 ms). Jest's
  // 500 ms default then calls it "failed to exit gracefully"; a worker kept alive by a leaked handle
  // still is, after 5 s.
  workerGracefulExitTimeout: 5000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts', '<rootDir>/test/architecture/**/*.unit.spec.ts'],
    },
    { ...common, ...withDatabase, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'] },
    {
      ...common,
      ...withDatabase,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      // fhir-kit-client (the FHIR client the FHIR e2e suite reads the facade back with) ships ES modules only: compile it to CommonJS.
      transform: {
        ...common.transform,
        '/node_modules/fhir-kit-client/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true }, diagnostics: false }],
      },
      transformIgnorePatterns: ['/node_modules/(?!fhir-kit-client/)'],
      moduleNameMapper: { ...common.moduleNameMapper, '^fhir-kit-client$': '<rootDir>/node_modules/fhir-kit-client/dist/index.js' },
    },
  ],
};
