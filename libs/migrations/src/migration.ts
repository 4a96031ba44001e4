/** Runs one statement; the pg adapter of the runner and TypeORM's query runner both fit. */
export interface SqlRunner {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * One numbered step of a module's schema (docs/adr/0006-one-schema-mechanism.md). `up` returns the
 * SQL to run for the module's schema, which is also first on the search path while it runs, so
 * unqualified names land there too. A backfill that needs code runs its statements through `sql`
 * instead. Never edit a migration once released: add the next number.
 */
export interface Migration {
  /** '0001', '0002', …: the order within the module. */
  id: string;
  /** What it does, kebab-case: 'create-es-events'. */
  name: string;
  up(schema: string, sql: SqlRunner): string | readonly string[] | Promise<void>;
}

/** The migrations one module owns, in order; each module exports one set. */
export interface MigrationSet {
  /** Owner of the tables: 'event-store', 'privacy', 'webhooks', 'inbox', … */
  module: string;
  migrations: readonly Migration[];
}

/** The schema's name as a quoted SQL identifier; only plain lower-case names are accepted. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name: ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}

/** Runs one migration for `schema` through `sql`, whichever form its `up` takes. */
export async function applyMigration(migration: Migration, schema: string, sql: SqlRunner): Promise<void> {
  const statements = await migration.up(schema, sql);
  if (statements === undefined) return;
  for (const statement of typeof statements === 'string' ? [statements] : statements) await sql.query(statement);
}
