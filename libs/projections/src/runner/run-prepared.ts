import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs a statement a projection sends with every batch as a named prepared statement on the
 * transaction's own connection: PostgreSQL plans it once per connection instead of once per batch
 * (on a small batch these statements take longer to plan than to run). Same transaction, so the
 * same guarantee; a changed search path (a rebuild's shadow schema) makes PostgreSQL plan it again.
 */
export async function runPrepared(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  const runner = manager.queryRunner;
  if (!runner) return manager.query<Record<string, unknown>[]>(text, values);
  const client = (await runner.connect()) as ClientBase;
  return (await client.query<Record<string, unknown>>({ name, text, values })).rows;
}
