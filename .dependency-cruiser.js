/**
 * Architecture rules (docs/architecture.md#code-layout-and-conventions), checked in `npm test`: a violation fails the build.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing outside itself: no Nest, no I/O, no node built-ins.',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/src' },
    },
    {
      name: 'no-app-imports-another-app',
      comment: 'Apps talk through published contracts, never by importing each other (the standalone composition root excepted).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/standalone/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'only-the-eventstoredb-adapter-imports-its-client',
      severity: 'error',
      from: { pathNot: '^libs/event-store/src/eventstoredb/' },
      to: { path: '@eventstore/db-client' },
    },
    {
      name: 'only-the-kafka-adapter-imports-kafkajs',
      severity: 'error',
      from: { pathNot: '^libs/bus/src/kafka/' },
      to: { path: 'kafkajs' },
    },
    {
      name: 'in-memory-event-store-only-in-tests',
      comment: 'The in-memory event store keeps nothing across a restart: apps wire PostgreSQL or EventStoreDB; only spec files and libs/testing use it.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '(\\.spec\\.ts$|^libs/testing/|^libs/event-store/src/in-memory/)' },
      to: { path: '^libs/event-store/src/in-memory/' },
    },
    {
      name: 'production-code-never-imports-test-helpers',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '(\\.spec\\.ts$|/testing/|fault-injector\\.ts$)' },
      to: { path: '(^libs/testing/|/testing/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
