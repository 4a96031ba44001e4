import type { RecordedEvent } from '@passerelle/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection';

/** Another runner of the same projection committed past this one's checkpoint: this batch is void. */
export class CheckpointMovedError extends Error {
  constructor(readonly projection: string, readonly expected: bigint) {
    super(`The checkpoint of ${projection} moved past ${expected} under another runner; restarting from the stored one`);
    this.name = 'CheckpointMovedError';
  }
}

/**
 * Applies one batch and moves the checkpoint in a single transaction: either both commit or
 * neither does, so a crash never loses or doubles an event. Returns the committed checkpoint.
 *
 * The checkpoint moves only if it is still at or below `expected` (this runner's own): the UPDATE
 * locks the row until COMMIT, so of two runners of one projection (a failover overlap) the second
 * finds it moved, rolls its rows back and restarts from the stored checkpoint. That check costs no
 * round trip of its own: it is the statement that moves the checkpoint.
 */
export async function commitBatch(
  dataSource: DataSource,
  projection: Projection,
  batch: readonly RecordedEvent[],
  expected: bigint,
): Promise<bigint> {
  const handled = new Set(projection.handles);
  const fresh = batch.filter((event) => event.globalPosition > expected);
  const last = fresh[fresh.length - 1];
  if (!last) return expected;
  const toApply = fresh.filter((event) => handled.has(event.type));
  return dataSource.transaction(async (manager) => {
    if (toApply.length > 0) await projection.applyBatch(manager, toApply);
    const result: unknown = await manager.query(
      'UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1 AND position <= $3',
      [projection.name, last.globalPosition.toString(), expected.toString()],
    );
    if (affectedRows(result) !== 1) throw new CheckpointMovedError(projection.name, expected);
    return last.globalPosition;
  });
}

/** TypeORM answers an UPDATE on PostgreSQL with `[rows, rowCount]`. */
function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : -1;
}
