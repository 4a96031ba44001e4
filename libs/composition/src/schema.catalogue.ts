import { AUTH_MIGRATIONS } from '@passerelle/auth';
import { createPool, LONG_STATEMENT_TIMEOUT_MS } from '@passerelle/database';
import { EVENT_STORE_MIGRATIONS } from '@passerelle/event-store/postgres';
import { IDEMPOTENCY_MIGRATIONS } from '@passerelle/http';
import { migrate, type AppliedMigration, type MigrationSet } from '@passerelle/migrations';
import { PRIVACY_MIGRATIONS } from '@passerelle/privacy';
import { READ_MODEL_MIGRATIONS } from '@passerelle/projections';
import { PLACE_REQUEST_PROCESS_MIGRATIONS } from '@passerelle/subscribers';
import { WEBHOOK_MIGRATIONS } from '@passerelle/webhooks';

/**
 * Every module's numbered migrations, in the order a fresh database gets them
 * (docs/adr/0006-one-schema-mechanism.md). Each service applies all of them at start under one
 * advisory lock, so whichever starts first leaves the schema complete for the others. With
 * EVENT_STORE=eventstoredb the es_ tables are created but stay empty.
 */
export const SCHEMA_MIGRATIONS: readonly MigrationSet[] = [
  EVENT_STORE_MIGRATIONS,
  PRIVACY_MIGRATIONS,
  AUTH_MIGRATIONS,
  IDEMPOTENCY_MIGRATIONS,
  WEBHOOK_MIGRATIONS,
  ...READ_MODEL_MIGRATIONS,
  PLACE_REQUEST_PROCESS_MIGRATIONS,
];

/**
 * Every module's migrations on one short-lived connection (`passerelle-<service>-migrations`, with
 * the long statement timeout a backfill may need), under the runner's advisory lock: a service
 * started beside others waits for the first one's migrations, then finds none left.
 */
export async function migrateSchema(databaseUrl: string, service: string): Promise<AppliedMigration[]> {
  const pool = createPool({
    connectionString: databaseUrl,
    service,
    purpose: 'migrations',
    max: 1,
    statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
  });
  try {
    return await migrate(pool, SCHEMA_MIGRATIONS);
  } finally {
    await pool.end();
  }
}
