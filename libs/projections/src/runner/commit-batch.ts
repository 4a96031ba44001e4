import { BATCH_SETTING_CALLS } from '@passerelle/database';
import type { RecordedEvent } from '@passerelle/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { NO_CHECKPOINT } from './checkpoint-store';
import type { Projection } from './projection';
import { runPrepared } from './run-prepared';

/** Another runner of the same projection committed past this one's checkpoint: this batch is void. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: bigint,
  ) {
    super(`The checkpoint of ${projection} moved past ${expected} under another runner; restarting from the stored one`);
    this.name = 'CheckpointMovedError';
  }
}

/**
 * Sent first in every batch's transaction: no statement may scan a whole table, whatever a young
 * table's estimates or a plan cached on it (run-prepared.ts) say (libs/database/src/batch-settings.ts).
 */
export const BATCH_SETTINGS = `SELECT ${BATCH_SETTING_CALLS}`;

/** A projection of a runner with the checkpoint that runner last committed for it. */
export interface RunnerMember {
  projection: Projection;
  handles: ReadonlySet<string>;
  checkpoint: bigint;
}

/**
 * Applies one batch to every member and moves their checkpoints in a single transaction: either
 * all commit or none does, so a crash never loses or doubles an event. Returns the committed
 * checkpoint of each member, in order. Every checkpoint it moves records `storeId`, the store the
 * positions belong to.
 *
 * A checkpoint moves only if it is still at or below the runner's own: the UPDATE locks the rows
 * until COMMIT, so of two runners of one projection (a failover overlap, a rebuild) the second
 * finds it moved, rolls its rows back and restarts from the stored checkpoints. That check costs
 * no round trip of its own: it is the one statement that moves every checkpoint.
 *
 * A member whose effect is outside the database (`writesToDatabase: false`, the relay's publish)
 * cannot be rolled back, so its rows are locked and checked first, before the effect: of two
 * runners, the second waits for the first to commit, then finds the checkpoint moved and
 * publishes nothing of that batch.
 */
export async function commitBatch(
  dataSource: DataSource,
  members: readonly RunnerMember[],
  batch: readonly RecordedEvent[],
  storeId: string,
): Promise<bigint[]> {
  const last = batch[batch.length - 1];
  if (!last) return members.map((member) => member.checkpoint);
  const moving = members.filter((member) => member.checkpoint < last.globalPosition);
  if (moving.length === 0) return members.map((member) => member.checkpoint);
  const outside = moving.filter((member) => member.projection.writesToDatabase === false);
  return dataSource.transaction(async (manager) => {
    await manager.query(BATCH_SETTINGS);
    if (outside.length > 0) await lockUnmoved(manager, outside);
    for (const member of moving) {
      const toApply = batch.filter((event) => event.globalPosition > member.checkpoint && member.handles.has(event.type));
      if (toApply.length > 0) await member.projection.applyBatch(manager, toApply);
    }
    // Prepared: sent with every batch, it took longer to plan than to run.
    const advanced = await runPrepared(
      manager,
      'checkpoints-advance',
      `UPDATE projection_checkpoints AS c SET position = $2, updated_at = now(), store_id = $4
       FROM unnest($1::text[], $3::bigint[]) AS moving(name, expected)
       WHERE c.name = moving.name AND c.position <= moving.expected RETURNING c.name`,
      [moving.map((m) => m.projection.name), last.globalPosition.toString(), moving.map((m) => m.checkpoint.toString()), storeId],
    );
    if (advanced.length !== moving.length) {
      throw new CheckpointMovedError(moving.map((m) => m.projection.name).join(', '), moving[0]?.checkpoint ?? -1n);
    }
    return members.map((member) => (moving.includes(member) ? last.globalPosition : member.checkpoint));
  });
}

/**
 * Locks the members' checkpoint rows and throws CheckpointMovedError if another runner moved one
 * past this runner's. (Below it is fine: the lazy save of a position reached through ignored events
 * may not have run yet.)
 */
async function lockUnmoved(manager: EntityManager, members: readonly RunnerMember[]): Promise<void> {
  const rows: { name: string; position: string }[] = await manager.query(
    'SELECT name, position FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE',
    [members.map((member) => member.projection.name)],
  );
  const stored = new Map(rows.map((row) => [row.name, BigInt(row.position)]));
  const moved = members.find((member) => (stored.get(member.projection.name) ?? NO_CHECKPOINT) > member.checkpoint);
  if (moved) throw new CheckpointMovedError(moved.projection.name, moved.checkpoint);
}
