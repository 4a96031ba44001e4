import { applyMigration } from '@passerelle/migrations';
import type { DataSource, EntityManager } from 'typeorm';
import type { RebuildTarget } from './rebuild-catalogue';
import type { Throttle } from './throttle';

/** The schema a projection is rebuilt into, beside the live one; its tables have the live names. */
export const shadowSchema = (projectionName: string) => `rebuild_${projectionName.replace(/[^a-z0-9_]/g, '_')}`;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Creates the shadow schema afresh and runs the projection's own migrations in it: they are
 * idempotent and unqualified, so with the search path on the shadow schema they create the same
 * tables and indexes, under the same names, there. Returns the secondary indexes, set aside until
 * {@link makeDurable}: the replay only looks rows up by their key.
 */
export async function createShadow(dataSource: DataSource, target: RebuildTarget): Promise<Map<string, string[]>> {
  const schema = shadowSchema(target.projection.name);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
    await runner.query(`CREATE SCHEMA ${quote(schema)}`);
    await runner.query(`SET LOCAL search_path TO ${quote(schema)}`);
    for (const migration of target.migrations.migrations) await applyMigration(migration, schema, runner);
    // The replay writes no WAL; {@link makeDurable} logs each table once, whole, before its swap.
    for (const table of target.tables) await runner.query(`ALTER TABLE ${quote(table)} SET UNLOGGED`);
    // Half-full pages: the finish's update of every row then stays on its page (no new index entry).
    for (const table of target.updatedByFinish ?? []) await runner.query(`ALTER TABLE ${quote(table)} SET (fillfactor = 50)`);
    const secondary = (await runner.query(
      `
      SELECT i.tablename, i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = $1::regnamespace JOIN pg_index x ON x.indexrelid = c.oid
      WHERE i.schemaname = $2 AND NOT x.indisunique`,
      [quote(schema), schema],
    )) as { tablename: string; name: string; definition: string }[];
    for (const index of secondary) await runner.query(`DROP INDEX ${quote(index.name)}`);
    await runner.commitTransaction();
    const byTable = new Map<string, string[]>(target.tables.map((table) => [table, []]));
    for (const index of secondary) byTable.get(index.tablename)?.push(index.definition);
    return byTable;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Makes the shadow tables crash-safe again, one sequential rewrite per table into the WAL (far
 * cheaper than logging every row change of the replay, and it packs the pages the finish left
 * half-full), then builds the indexes set aside (their definitions name the shadow schema) and
 * the planner's statistics, which stay with a table when the swap moves it. Every table side by
 * side, and its indexes too, each in a transaction of its own (through `throttle` when given):
 * before the swap's lock, so neither readers nor the live runner wait, and readers of the
 * swapped-in tables get good plans at once.
 */
export async function makeDurable(
  dataSource: DataSource,
  target: RebuildTarget,
  indexes: Map<string, string[]>,
  throttle: Throttle | null = null,
): Promise<void> {
  const schema = quote(shadowSchema(target.projection.name));
  // Only the shadow schema on the path: a definition read there names its table unqualified.
  const run = (statement: string) =>
    dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL search_path TO ${schema}`);
      await manager.query(statement);
    });
  const inSchema = (statement: string) => (throttle ? throttle.run(() => run(statement)) : run(statement));
  const packed = new Set(target.updatedByFinish);
  await Promise.all(
    target.tables.map(async (table) => {
      if (packed.has(table)) await inSchema(`ALTER TABLE ${quote(table)} RESET (fillfactor)`);
      await inSchema(`ALTER TABLE ${quote(table)} SET LOGGED`);
      await Promise.all((indexes.get(table) ?? []).map(inSchema));
      await inSchema(`ANALYZE ${quote(table)}`);
    }),
  );
}

/**
 * Runs `work` with unqualified table names resolving to the shadow tables (then to the live schema
 * for anything else, such as the checkpoint table). SET LOCAL: the transaction's end restores it.
 */
export async function inShadow(
  manager: EntityManager,
  target: RebuildTarget,
  work: () => Promise<void>,
  liveSchema: string,
): Promise<void> {
  await manager.query(`SET LOCAL search_path TO ${quote(shadowSchema(target.projection.name))}, ${quote(liveSchema)}`);
  await work();
  await manager.query(`SET LOCAL search_path TO ${quote(liveSchema)}`);
}

/**
 * Replaces the live tables by the shadow ones inside the caller's transaction: readers wait on
 * the lock for an instant and then read the new tables by the same names (PostgreSQL looks a name
 * up again once the lock is granted), so they never see an error or a half-built model.
 */
export async function swapIn(manager: EntityManager, target: RebuildTarget, liveSchema: string): Promise<void> {
  const live = target.tables.map((table) => `${quote(liveSchema)}.${quote(table)}`);
  await manager.query(`LOCK TABLE ${live.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  for (const table of target.tables) {
    await manager.query(`DROP TABLE ${quote(liveSchema)}.${quote(table)}`);
    await manager.query(`ALTER TABLE ${quote(shadowSchema(target.projection.name))}.${quote(table)} SET SCHEMA ${quote(liveSchema)}`);
  }
}

export async function dropShadow(dataSource: DataSource, target: RebuildTarget): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS ${quote(shadowSchema(target.projection.name))} CASCADE`);
}
