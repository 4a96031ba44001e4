import { applyMigration } from '@passerelle/migrations';
import type { DataSource, EntityManager } from 'typeorm';
import type { RebuildTarget } from './rebuild-catalogue';

/** The schema a projection is rebuilt into, beside the live one; its tables have the live names. */
export const shadowSchema = (projectionName: string) => `rebuild_${projectionName.replace(/[^a-z0-9_]/g, '_')}`;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Creates the shadow schema afresh and runs the projection's own migrations in it: they are
 * idempotent and unqualified, so with the search path on the shadow schema they create the same
 * tables and indexes, under the same names, there.
 */
export async function createShadow(dataSource: DataSource, target: RebuildTarget): Promise<void> {
  const schema = shadowSchema(target.projection.name);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
    await runner.query(`CREATE SCHEMA ${quote(schema)}`);
    await runner.query(`SET LOCAL search_path TO ${quote(schema)}`);
    for (const migration of target.migrations.migrations) await applyMigration(migration, schema, runner);
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Runs `work` with unqualified table names resolving to the shadow tables (then to the live schema
 * for anything else, such as the checkpoint table). SET LOCAL: the transaction's end restores it.
 */
export async function inShadow(manager: EntityManager, target: RebuildTarget, work: () => Promise<void>, liveSchema: string): Promise<void> {
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
