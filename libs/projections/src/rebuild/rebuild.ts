import type { EventStore, RecordedEvent } from '@passerelle/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { ensureCheckpoint, saveCheckpoint } from '../runner/checkpoint-store';
import type { RebuildTarget } from './rebuild-catalogue';
import type { FinishStep, Projection } from '../runner/projection';
import { BatchFeed } from './batch-feed';
import { createShadow, dropShadow, inShadow, makeDurable, swapIn } from './shadow-schema';
import { Throttle } from './throttle';

export interface RebuildProgress {
  /** Events read so far (every event, handled or not). */
  processed: number;
  /** Events in the store when the rebuild started (it also applies those appended meanwhile). */
  total: number;
}

export interface RebuildOptions {
  dataSource: DataSource;
  store: Pick<EventStore, 'readAll' | 'headPosition' | 'identity'>;
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
  const [live] = await dataSource.query<{ schema: string }[]>('SELECT current_schema() AS schema');
  if (!live) throw new Error('rebuild: current_schema() returned no row');
  const liveSchema = live.schema;
  const indexes = new Map<RebuildTarget, Map<string, string[]>>();
  for (const target of targets) indexes.set(target, await createShadow(dataSource, target));
  const total = Number(await store.headPosition()) + 1;
  let position = -1n;
  let processed = 0;
  try {
    const lanes = targets.flatMap((target) => (target.lanes ?? [target.projection]).map((projection) => ({ target, projection })));
    const feed = new BatchFeed((after) => store.readAll({ after, maxCount: batchSize }), lanes.length);
    // One transaction per batch and lane (a read model, or an independent part of one: rebuild-catalogue.ts);
    // the lanes go at their own pace (batch-feed.ts).
    await Promise.all(
      lanes.map(async ({ target, projection }, reader) => {
        try {
          for (let batch = await feed.take(reader); batch.length > 0; batch = await feed.take(reader)) {
            const events = handledBy(projection, batch);
            if (events.length > 0)
              await dataSource.transaction((manager) =>
                inShadow(manager, target, () => projection.applyBatch(manager, events), liveSchema),
              );
            const everyone = await feed.done(reader);
            const last = everyone?.[everyone.length - 1];
            if (everyone && last) {
              position = last.globalPosition;
              processed += everyone.length;
              options.onProgress?.({ processed, total: Math.max(total, processed) });
            }
          }
        } catch (error) {
          feed.abort(error);
          throw error;
        }
      }),
    );
    // Every shadow holds the events up to here. The derived rows first, each read model's on its
    // own: coordination's finish, then its tables made durable, is the longest chain. Meanwhile the
    // read models without a finish are made durable one statement at a time, on the core the finish
    // leaves free (a rewrite of every table at once would slow that chain down), then all at once.
    const replayed = position;
    const finishing = new Map(targets.map((target) => [target, finish(dataSource, target, liveSchema)]));
    const throttle = new Throttle(1);
    const release = () => throttle.release();
    Promise.all(finishing.values()).then(release, release);
    const swapped = await Promise.all(
      targets.map(async (target) => {
        await finishing.get(target);
        return makeDurableAndSwap(dataSource, store, target, {
          replayed,
          batchSize,
          liveSchema,
          indexes: shadowIndexes(indexes, target),
          throttle: target.finish ? null : throttle,
        });
      }),
    );
    for (const caughtUp of swapped) position = position > caughtUp ? position : caughtUp;
  } catch (error) {
    // The live tables are untouched until a swap commits; a failed rebuild only leaves shadows to drop.
    for (const target of targets) await dropShadow(dataSource, target).catch(() => undefined);
    throw error;
  }
  // Positions are gapless from 0 (ADR 0001): the last one tells how many events the models now hold.
  return {
    projections: targets.map((t) => t.projection.name),
    events: Number(position) + 1,
    position,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The secondary indexes createShadow dropped from a target's shadow tables, to build after the replay. */
function shadowIndexes(indexes: Map<RebuildTarget, Map<string, string[]>>, target: RebuildTarget): Map<string, string[]> {
  const found = indexes.get(target);
  if (!found) throw new Error(`rebuild: no shadow schema was created for ${target.projection.name}`);
  return found;
}

/** After the replay: the derived rows computed once, each step in a transaction of its own, then the steps that follow it. */
async function finish(dataSource: DataSource, target: RebuildTarget, liveSchema: string): Promise<void> {
  const run = async (step: FinishStep): Promise<void> => {
    await dataSource.transaction((manager) => inShadow(manager, target, () => step.run(manager), liveSchema));
    await Promise.all((step.then ?? []).map(run));
  };
  await Promise.all((target.finish ?? []).map(run));
}

/**
 * Then the tables made durable, indexed (a sorted build of each index beats maintaining it row by
 * row) and analysed, all before any lock. Then, in one transaction holding the checkpoint: what was
 * appended meanwhile, the swap, the checkpoint.
 */
async function makeDurableAndSwap(
  dataSource: DataSource,
  store: RebuildOptions['store'],
  target: RebuildTarget,
  {
    replayed,
    batchSize,
    liveSchema,
    indexes,
    throttle,
  }: { replayed: bigint; batchSize: number; liveSchema: string; indexes: Map<string, string[]>; throttle: Throttle | null },
): Promise<bigint> {
  await makeDurable(dataSource, target, indexes, throttle);
  const caughtUp = await dataSource.transaction(async (manager) => {
    await ensureCheckpoint(manager, target.projection.name);
    await manager.query('SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [target.projection.name]);
    const head = await store.headPosition();
    let reached = replayed;
    while (reached < head) {
      const batch = (await store.readAll({ after: reached, maxCount: batchSize })).filter((event) => event.globalPosition <= head);
      const last = batch[batch.length - 1];
      if (!last) break;
      // Derived rows are already there: these few events keep them up to date as the live runner would.
      await applyToShadow(manager, target, target.catchUp ?? target.projection, batch, liveSchema);
      reached = last.globalPosition;
    }
    await swapIn(manager, target, liveSchema);
    await saveCheckpoint(manager, target.projection.name, reached, await store.identity());
    return reached;
  });
  await dropShadow(dataSource, target);
  return caughtUp;
}

async function applyToShadow(
  manager: EntityManager,
  target: RebuildTarget,
  projection: Projection,
  batch: RecordedEvent[],
  liveSchema: string,
): Promise<void> {
  const events = handledBy(projection, batch);
  if (events.length > 0) await inShadow(manager, target, () => projection.applyBatch(manager, events), liveSchema);
}

function handledBy(projection: Projection, batch: RecordedEvent[]): RecordedEvent[] {
  const handled = new Set(projection.handles);
  return batch.filter((event) => handled.has(event.type));
}
