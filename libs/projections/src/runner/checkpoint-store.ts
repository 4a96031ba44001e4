import type { EntityManager } from 'typeorm';

/** Anything that runs SQL: a DataSource, or the EntityManager of an open transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/** The value stored before any event was handled: subscribe from the start of the store. */
export const NO_CHECKPOINT = -1n;

/** Creates the checkpoint row when it is missing, so that `FOR UPDATE` always has a row to lock. */
export async function ensureCheckpoint(db: Queryable, name: string): Promise<void> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, -1, now())
     ON CONFLICT (name) DO NOTHING`,
    [name],
  );
}

/** The committed checkpoint of a projection, or {@link NO_CHECKPOINT}. */
export async function readCheckpoint(db: Queryable, name: string): Promise<bigint> {
  const rows: { position: string }[] = await db.query('SELECT position FROM projection_checkpoints WHERE name = $1', [name]);
  return rows[0] ? BigInt(rows[0].position) : NO_CHECKPOINT;
}

/**
 * Reads the checkpoint and locks its row until the transaction ends. Two runners of the same
 * projection therefore take turns, and the second one sees what the first committed; another
 * module that must not interleave with a projection's batches (the webhook endpoint store) holds
 * it the same way instead of writing this table itself.
 */
export async function lockCheckpoint(db: Queryable, name: string): Promise<bigint> {
  const select = () => db.query<{ position: string }[]>('SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [name]);
  let rows = await select();
  if (rows.length === 0) {
    // The runner creates the row when it starts; only a row deleted since (by an operator) lands here.
    await ensureCheckpoint(db, name);
    rows = await select();
  }
  return rows[0] ? BigInt(rows[0].position) : NO_CHECKPOINT;
}

/**
 * Sets the checkpoint. Inside a projection's transaction this commits together with its rows;
 * on its own (a rebuild, or an operator) it makes the next runner start after `position`.
 *
 * WARNING: lowering it replays events; only projections whose rows are idempotent per event
 * (the inbox evolvers skip positions they already hold) survive that without double counting.
 */
export async function saveCheckpoint(db: Queryable, name: string, position: bigint, storeId: string | null): Promise<void> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, position, updated_at, store_id) VALUES ($1, $2, now(), $3)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at, store_id = EXCLUDED.store_id`,
    [name, position.toString(), storeId],
  );
}

/**
 * Moves the checkpoint forward only. For the lazy save of a position reached through ignored
 * events: it may run after a batch committed a later position, and must not move it back (which
 * would stall read-your-writes waiters and replay events after a restart).
 */
export async function advanceCheckpoint(db: Queryable, name: string, position: bigint): Promise<void> {
  await db.query('UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1 AND position < $2', [
    name,
    position.toString(),
  ]);
}

/** Creates the missing checkpoint rows of a group in one statement, for the store they start on. */
export async function ensureCheckpoints(db: Queryable, names: readonly string[], storeId: string): Promise<void> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, position, updated_at, store_id) SELECT name, -1, now(), $2 FROM unnest($1::text[]) AS name
     ON CONFLICT (name) DO NOTHING`,
    [names, storeId],
  );
}

/** A stored checkpoint and the identity of the store its position belongs to (null: written before it was recorded). */
export interface CheckpointRow {
  position: bigint;
  storeId: string | null;
}

/** The committed checkpoint rows of the named projections, in the order given. */
export async function readCheckpointRows(db: Queryable, names: readonly string[]): Promise<CheckpointRow[]> {
  const rows: { name: string; position: string; store_id: string | null }[] = await db.query(
    'SELECT name, position, store_id FROM projection_checkpoints WHERE name = ANY($1::text[])',
    [names],
  );
  const byName = new Map(rows.map((row) => [row.name, { position: BigInt(row.position), storeId: row.store_id }]));
  return names.map((name) => byName.get(name) ?? { position: NO_CHECKPOINT, storeId: null });
}

/** Records the store of the rows that name none yet (written before store identities were recorded, or reset by hand). */
export async function adoptStore(db: Queryable, names: readonly string[], storeId: string): Promise<void> {
  await db.query('UPDATE projection_checkpoints SET store_id = $2 WHERE name = ANY($1::text[]) AND store_id IS NULL', [names, storeId]);
}

/** The committed checkpoint of each named projection, in the order given ({@link NO_CHECKPOINT} when absent). */
export async function readCheckpoints(db: Queryable, names: readonly string[]): Promise<bigint[]> {
  const rows: { name: string; position: string }[] = await db.query(
    'SELECT name, position FROM projection_checkpoints WHERE name = ANY($1::text[])',
    [names],
  );
  const byName = new Map(rows.map((row) => [row.name, BigInt(row.position)]));
  return names.map((name) => byName.get(name) ?? NO_CHECKPOINT);
}

/** {@link advanceCheckpoint} for a whole group in one statement, recording the store the position belongs to. */
export async function advanceCheckpoints(db: Queryable, names: readonly string[], position: bigint, storeId: string): Promise<void> {
  await db.query(
    'UPDATE projection_checkpoints SET position = $2, updated_at = now(), store_id = $3 WHERE name = ANY($1::text[]) AND position < $2',
    [names, position.toString(), storeId],
  );
}
