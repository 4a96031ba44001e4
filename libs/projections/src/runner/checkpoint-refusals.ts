/**
 * A checkpoint whose positions were taken on another event store (its identity differs): read
 * against this store they would skip or repeat events at random, so the runner refuses to start.
 * One line, for the log and /health.
 */
export class CheckpointFromAnotherStoreError extends Error {
  readonly code = 'PROJECTION.CHECKPOINT_FROM_ANOTHER_STORE';
  constructor(
    readonly projection: string,
    readonly checkpointStore: string,
    readonly store: string,
  ) {
    super(
      `The checkpoint of ${projection} was taken on event store ${checkpointStore}, not on this one (${store}): rebuild or reset it (docs/operations.md)`,
    );
    this.name = 'CheckpointFromAnotherStoreError';
  }
}

/** A checkpoint past the last event of the store it names: the store was restored from an older backup. */
export class CheckpointPastHeadError extends Error {
  readonly code = 'PROJECTION.CHECKPOINT_PAST_HEAD';
  constructor(
    readonly projection: string,
    readonly position: bigint,
    readonly head: bigint,
  ) {
    super(
      `The checkpoint of ${projection} is at ${position}, past the last event of the event store (${head}): the store was restored or replaced; rebuild or reset it (docs/operations.md)`,
    );
    this.name = 'CheckpointPastHeadError';
  }
}
