export { APP_DATABASE, startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';
export { EmbeddedPostgresError } from './embedded-postgres.error';
export { DEFAULT_EMBEDDED_PORT, freePort } from './embedded-port';
export { stopOnSignals, type Stoppable } from './stop-on-signals';
