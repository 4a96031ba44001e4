import type { ClientBase, Pool } from 'pg';
import { applyMigration, quoteSchema, type MigrationSet, type SqlRunner } from './migration';

/** Advisory lock of schema changes: every process that migrates takes it, so they run one after the other. */
const MIGRATION_LOCK = [0x50415353, 1] as const;

export interface MigrateOptions {
  /** Where the modules' tables and the record of applied migrations live; the connection's current schema by default. */
  schema?: string;
}

export interface AppliedMigration {
  module: string;
  id: string;
  name: string;
}

/**
 * Applies every migration of `sets` not yet recorded in `<schema>.schema_migrations`, in order,
 * in one transaction under an advisory lock: processes starting together wait for the first one
 * and then find nothing left to do; a failing migration leaves the schema as it was. Returns what
 * it applied.
 */
export async function migrate(
  db: Pool | ClientBase,
  sets: readonly MigrationSet[],
  options: MigrateOptions = {},
): Promise<AppliedMigration[]> {
  assertUniqueIds(sets);
  const pooled = 'totalCount' in db;
  const client = pooled ? await db.connect() : db;
  try {
    await client.query('BEGIN');
    try {
      const applied = await migrateInTransaction(client, sets, options);
      await client.query('COMMIT');
      return applied;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    if (pooled) (client as ClientBase & { release(): void }).release();
  }
}

async function migrateInTransaction(
  client: ClientBase,
  sets: readonly MigrationSet[],
  options: MigrateOptions,
): Promise<AppliedMigration[]> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
  const schemaName =
    options.schema ?? (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? 'public';
  const schema = quoteSchema(schemaName);
  // Only when missing: CREATE SCHEMA needs a privilege on the database that an existing schema does not.
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schemaName]);
  if (rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
      module text NOT NULL,
      id text NOT NULL,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (module, id)
    )`);
  const { rows } = await client.query<{ module: string; id: string }>(`SELECT module, id FROM ${schema}.schema_migrations`);
  const done = new Set(rows.map((row) => `${row.module}/${row.id}`));
  await client.query(`SET LOCAL search_path TO ${schema}`);
  const sql: SqlRunner = { query: async (text, parameters) => (await client.query(text, parameters)).rows as never };
  const applied: AppliedMigration[] = [];
  for (const set of sets) {
    for (const migration of set.migrations) {
      if (done.has(`${set.module}/${migration.id}`)) continue;
      await applyMigration(migration, schemaName, sql);
      await client.query(`INSERT INTO ${schema}.schema_migrations (module, id, name) VALUES ($1, $2, $3)`, [
        set.module,
        migration.id,
        migration.name,
      ]);
      applied.push({ module: set.module, id: migration.id, name: migration.name });
    }
  }
  return applied;
}

function assertUniqueIds(sets: readonly MigrationSet[]): void {
  for (const set of sets) {
    const ids = set.migrations.map((migration) => migration.id);
    const sorted = [...ids].sort();
    if (new Set(ids).size !== ids.length || ids.some((id, index) => id !== sorted[index])) {
      throw new Error(`Migrations of ${set.module} must have unique ids in ascending order: ${ids.join(', ')}`);
    }
  }
}
