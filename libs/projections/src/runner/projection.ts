import type { RecordedEvent } from '@passerelle/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model fed by a checkpointed subscription (docs/architecture.md#read-models-and-checkpoints).
 *
 * WARNING: `applyBatch` runs inside the transaction that also writes the checkpoint. It must write
 * only through `manager` (never through another connection), or a crash could commit rows without
 * the checkpoint and apply those events twice.
 */
export interface Projection {
  /** Stable key of the checkpoint row; renaming it replays the projection from the start. */
  readonly name: string;
  /** Event types the projection reads; every other event only advances the checkpoint. */
  readonly handles: readonly string[];
  /**
   * Applies events in global order. The runner only passes handled types, positions strictly above
   * the committed checkpoint, and at most one batch (≤ the runner's batch size) at a time.
   */
  applyBatch(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
  /**
   * False for a subscriber whose effect is outside the database, which no rollback can undo (the
   * relay publishes to the bus): its checkpoint row is locked and checked before `applyBatch`, so
   * that two runners (a failover overlap) never both apply one batch. Default true.
   */
  readonly writesToDatabase?: boolean;
}

/**
 * Work a rebuild does once on a read model's shadow tables after the replay (rows derived from the
 * others), in a transaction of its own; then the steps that read what it wrote, once it has
 * committed, side by side, each in a transaction of its own (libs/projections/src/rebuild/rebuild.ts).
 */
export interface FinishStep {
  run(manager: EntityManager): Promise<void>;
  readonly then?: readonly FinishStep[];
}
