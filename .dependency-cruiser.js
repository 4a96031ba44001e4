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
      name: 'leaf-libs-import-no-other-lib',
      comment:
        'Layers read top-down (docs/architecture.md): geography, config, database, embedded-postgres and migrations are leaves that any layer may use, so they import no other lib (their specs may use libs/testing).',
      severity: 'error',
      from: { path: '^libs/(domain|geography|config|database|embedded-postgres|migrations)/', pathNot: '(\\.spec\\.ts$|/testing/)' },
      to: { path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      name: 'receipts-are-pure-text',
      comment:
        'libs/receipts turns facts into her receipt and her access report in six languages: pure functions over the domain vocabulary, the SMS segment calculator and libphonenumber-js (her callback number as it is dialled), no I/O, so the API and the console render the same words.',
      severity: 'error',
      from: { path: '^libs/receipts/src', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^libs/(receipts|domain)/src', 'node_modules/(sms-segments-calculator|grapheme-splitter|libphonenumber-js)/'] },
    },
    {
      name: 'core-libs-never-import-the-edge',
      comment:
        'The event store, privacy, the bus, projections, webhooks and the subscriber catalogue sit below HTTP, auth, observability and start-up: they never import them.',
      severity: 'error',
      from: { path: '^libs/(event-store|privacy|bus|contracts|projections|webhooks|subscribers|command-handling)/' },
      to: { path: '^libs/(http|auth|observability|runtime|composition)/' },
    },
    {
      name: 'edge-libs-never-import-start-up',
      severity: 'error',
      from: { path: '^libs/(http|auth|observability)/' },
      to: { path: '^libs/(runtime|composition)/' },
    },
    {
      name: 'only-apps-import-the-composition',
      comment:
        "libs/composition holds the building blocks of the apps' composition roots (apps/<app>/src/*.infrastructure.ts): top of the order, no lib imports it.",
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/composition/' },
      to: { path: '^libs/composition/' },
    },
    {
      name: 'no-platform-catch-all',
      comment:
        'libs/platform was split into geography, config, database, http, auth, embedded-postgres, observability, runtime and composition; it must not come back.',
      severity: 'error',
      from: {},
      to: { path: '(^libs/platform/|^@passerelle/platform)' },
    },
    {
      name: 'the-sdk-stands-on-the-public-contract',
      comment:
        "libs/sdk (@passerelle/client) is what partners' systems run: it imports the published contracts (webhook types), openapi-fetch and standardwebhooks, never the network's internals.",
      severity: 'error',
      from: { path: '^libs/sdk/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^libs/(sdk|contracts)/', 'node_modules/(openapi-fetch|standardwebhooks)/'] },
    },
    {
      name: 'no-circular-libs',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true },
    },
    {
      name: 'no-command-query-to-api-deps',
      comment:
        'One API style (docs/adr/0005-one-api-style.md): commands, queries and their handlers are plain use cases that know nothing of HTTP — no controller, no request DTO, no param decorator, no problem+json or express type — so they can be run by a test, the CLI or another transport.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/.+\\.(command|query|handler)\\.ts$' },
      to: {
        path: [
          '\\.http\\.controller\\.ts$',
          '\\.request\\.dto\\.ts$',
          '^apps/[^/]+/src/shared/command-context\\.ts$',
          '^libs/http/',
          'node_modules/(express|@types/express|@nestjs/platform-express|@nestjs/swagger|class-validator|class-transformer)/',
        ],
      },
    },
    {
      name: 'http-controllers-only-map-to-the-buses',
      comment:
        "A controller maps its request DTO to a command or query and hands it to the CommandBus or QueryBus: it may import its feature's DTOs and messages, the response schemas of the OpenAPI document (its feature's and apps/api/src/shared/*.response.ts), the buses, Nest's HTTP and OpenAPI decorators, the auth and HTTP helpers and the domain's vocabulary — never a store, the event store, the keyring, a read model, a DataSource or a pg Pool. libs/auth is imported through its index, which also exports the key store: that one is held by review (docs/adr/0005-one-api-style.md). Named exceptions: the console's static files; the FHIR facade's controllers also use its HTTP helpers (apps/api/src/fhir/fhir-http.ts: OperationOutcome errors, ids, If-Match, ETag) and the FHIR and Express types.",
      severity: 'error',
      from: {
        path: '^(apps/[^/]+/src/[^/]+)/.+\\.http\\.controller\\.ts$',
        pathNot: '^apps/api/src/console/serve-console/',
      },
      to: {
        pathNot: [
          '^$1/.+\\.(command|query|request\\.dto|response)\\.ts$',
          '^apps/[^/]+/src/shared/(command-context|.+\\.response)\\.ts$',
          '^libs/(auth|http|domain)/src/index\\.ts$',
          'node_modules/@nestjs/(common|cqrs|swagger)/',
          '^apps/api/src/fhir/fhir-http\\.ts$',
          'node_modules/(express|@types/(fhir|express))/',
        ],
      },
    },
    {
      name: 'the-api-module-only-composes-features',
      comment:
        'apps/api/src/api.module.ts imports the feature modules and the global guard, filter and interceptor; each feature module declares its own controllers and handlers.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/[^/]+\\.module\\.ts$' },
      to: { path: '\\.(http\\.controller|handler)\\.ts$' },
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
      comment:
        'The in-memory event store keeps nothing across a restart: apps wire PostgreSQL or EventStoreDB; only spec files and libs/testing use it.',
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
  required: [
    {
      name: 'http-controllers-go-through-a-bus',
      severity: 'error',
      comment:
        "Every HTTP controller sends a command or a query (docs/adr/0005-one-api-style.md). Named exceptions: the console's static files, /health, /health/live and /metrics (operations endpoints every service serves, most of which have no bus).",
      module: {
        path: '\\.http\\.controller\\.ts$',
        pathNot: [
          '^apps/api/src/console/serve-console/',
          '^libs/observability/src/(operations-health|liveness|metrics)\\.http\\.controller\\.ts$',
        ],
      },
      to: { path: 'node_modules/@nestjs/cqrs/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
