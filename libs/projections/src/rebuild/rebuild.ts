import type { EventStore, RecordedEvent } from '@passerelle/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { ensureCheckpoint, saveCheckpoint } from '../runner/checkpoint-store';
import type { RebuildTarget } from './rebuild-catalogue';
import { createShadow, dropShadow, inShadow, swapIn } from './shadow-schema';

export interface RebuildProgress {
  /** Events read so far (every event, handled or not). */
  processed: number;
  /** Events in the store when the rebuild started (it also applies those appended meanwhile). */
  total: number;
}

export interface RebuildOptions {
  dataSource: DataSource;
  store: Pick<EventStore, 'readAll' | 'headPosition'>;
  targets: RebuildTarget[];
  /** Events per read and per transaction (default 5,000). */
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  projections: string[];
  events: number;
  /** Global position the rebuilt models are checkpointed at. */
  position: bigint;
  seconds: number;
}

/**
 * Rebuilds read models from position 0 without downtime: replays every event into shadow tables
 * (same names, in a schema of their own) while the live ones keep serving and the live runners
 * keep projecting, then swaps each model in one transaction:
 *
 * 1. lock the projection's checkpoint row, which the live runner needs to commit, so it pauses;
 * 2. apply to the shadow what was appended since, up to the head read under that lock;
 * 3. drop the live tables, move the shadow ones into their place, set the checkpoint to that head;
 * 4. commit: readers blocked for that instant go on with the rebuilt tables, and the live runner
 *    resumes after the new checkpoint (it skips what it had buffered at or below it).
 *
 * WARNING: the swap drops the live tables. A model must be fully described by its `tables` and
 * `migrations`, and built only from events.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { dataSource, store, targets } = options;
  const batchSize = options.batchSize ?? 5_000;
  const started = Date.now();
  const [{ schema: liveSchema }] = await dataSource.query('SELECT current_schema() AS schema');
  for (const target of targets) await createShadow(dataSource, target);
  const total = Number(await store.headPosition()) + 1;
  let position = -1n;
  let processed = 0;
  try {
    // Reads the next batch while the current one is applied: the store and the read model are
    // separate connections, so reading and writing overlap.
    const read = (after: bigint) => {
      const reading = store.readAll({ after, maxCount: batchSize });
      reading.catch(() => undefined); // awaited below; this only keeps an abandoned read from going unhandled
      return reading;
    };
    let next = read(position);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) break;
      position = batch[batch.length - 1]!.globalPosition;
      next = read(position);
      // One transaction per read model, side by side: while one waits on PostgreSQL, another prepares its rows.
      await Promise.all(targets.map((target) => dataSource.transaction((manager) => applyToShadows(manager, [target], batch, liveSchema))));
      processed += batch.length;
      options.onProgress?.({ processed, total: Math.max(total, processed) });
    }
    // Every shadow holds the events up to here; each catches up on its own before its swap.
    const replayed = position;
    for (const target of targets) {
      await dataSource.transaction(async (manager) => {
        await ensureCheckpoint(manager, target.projection.name);
        await manager.query('SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [target.projection.name]);
        const head = await store.headPosition();
        let caughtUp = replayed;
        while (caughtUp < head) {
          const batch = (await store.readAll({ after: caughtUp, maxCount: batchSize })).filter((event) => event.globalPosition <= head);
          if (batch.length === 0) break;
          await applyToShadows(manager, [target], batch, liveSchema);
          caughtUp = batch[batch.length - 1]!.globalPosition;
        }
        const finish = target.finish;
        if (finish) await inShadow(manager, target, () => finish(manager), liveSchema);
        await swapIn(manager, target, liveSchema);
        await saveCheckpoint(manager, target.projection.name, caughtUp);
        position = position > caughtUp ? position : caughtUp;
      });
      await dropShadow(dataSource, target);
      // Fresh tables have no statistics yet: without them the planner guesses, and readers pay for it.
      for (const table of target.tables) await dataSource.query(`ANALYZE ${quoteName(liveSchema)}.${quoteName(table)}`);
    }
  } catch (error) {
    // The live tables are untouched until a swap commits; a failed rebuild only leaves shadows to drop.
    for (const target of targets) await dropShadow(dataSource, target).catch(() => undefined);
    throw error;
  }
  // Positions are gapless from 0 (ADR 0001): the last one tells how many events the models now hold.
  return { projections: targets.map((t) => t.projection.name), events: Number(position) + 1, position, seconds: (Date.now() - started) / 1000 };
}

const quoteName = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function applyToShadows(manager: EntityManager, targets: RebuildTarget[], batch: RecordedEvent[], liveSchema: string): Promise<void> {
  for (const target of targets) {
    const handled = new Set(target.projection.handles);
    const events = batch.filter((event) => handled.has(event.type));
    if (events.length > 0) await inShadow(manager, target, () => target.projection.applyBatch(manager, events), liveSchema);
  }
}
