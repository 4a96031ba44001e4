import type { RecordedEvent } from '@passerelle/event-store';
import type { DataSource } from 'typeorm';
import { lockCheckpoint, saveCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';

/**
 * Applies one batch and moves the checkpoint in a single transaction: either both commit or
 * neither does, so a crash never loses or doubles an event. Returns the committed checkpoint.
 */
export async function commitBatch(
  dataSource: DataSource,
  projection: Projection,
  batch: readonly RecordedEvent[],
): Promise<bigint> {
  const handled = new Set(projection.handles);
  return dataSource.transaction(async (manager) => {
    // Re-read under lock: another runner of this projection (or a previous life of this one) may
    // already have applied part of the batch. Events at or below the checkpoint are never applied again.
    const stored = await lockCheckpoint(manager, projection.name);
    const fresh = batch.filter((event) => event.globalPosition > stored);
    const last = fresh[fresh.length - 1];
    if (!last) return stored;
    const toApply = fresh.filter((event) => handled.has(event.type));
    if (toApply.length > 0) await projection.applyBatch(manager, toApply);
    await saveCheckpoint(manager, projection.name, last.globalPosition);
    return last.globalPosition;
  });
}
