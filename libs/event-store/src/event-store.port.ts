/**
 * The event store port. Two adapters implement it: `postgres` (embedded default and small
 * deployments) and `eventstoredb` (production). Both must pass `testing/event-store.contract.ts`.
 *
 * Positions are `bigint` everywhere inside the process and decimal strings on the wire.
 *
 * WARNING: a global position is only meaningful as a checkpoint of the adapter that produced it.
 * Never compare positions taken from two different stores.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check; a bigint: the revision of its last event. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

/** Envelope metadata carried by every event (docs/architecture.md#event-envelope-and-scope). Never holds personal data. */
export interface EventMetadata {
  schemaVersion: number;
  occurredAt: string;
  /** Who acted: the person (`personId`) or the machine key (`keyId`), and the organisation she acted for. */
  actor: { organisationId: string | null; role: string; keyId: string | null; personId?: string | null };
  correlationId: string;
  causationId: string | null;
  /** Organisation id → the consent categories it may see, computed from consent at write time. */
  scope: Record<string, string[]>;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Caller-chosen id; appending an event id that is already in the stream again is a no-op (idempotent retry). */
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamName: string;
  /** 0-based revision of this event inside its stream. */
  streamRevision: bigint;
  /** Position in the global order of the store; strictly increasing in the order subscribers see events. */
  globalPosition: bigint;
  recordedAt: Date;
}

/** Another stream an append was decided on, and the revision it was read at. */
export interface ReadCondition {
  streamName: string;
  expectedRevision: ExpectedRevision;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /**
   * Streams the events were decided on without being written (her case, when a referral is made
   * or moved): the append fails with {@link WrongExpectedRevisionError} naming the first of them
   * that is no longer at its expected revision, so a decision never rests on a stale read.
   *
   * WARNING: atomic with the append on PostgreSQL and in memory; on EventStoreDB it is checked just
   * before the append (the server has no multi-stream condition), which leaves a window of one
   * round trip.
   */
  alsoExpect?: readonly ReadCondition[];
  /**
   * Rows of other tables written in the append's own transaction: the events and the rows commit
   * together or not at all (her data key and linkage key beside her identification,
   * docs/adr/0017-keys-in-the-append-transaction.md). Only for a store whose `writesRowsAlongside`
   * is true; the others refuse such an append.
   */
  alongside?: readonly RowAlongside[];
}

/** A new row of a table in the event store's database (see AppendOptions.alongside). */
export interface RowAlongside {
  /** Names of lower-case letters, digits and `_`; `key` is the table's primary key (or a unique column). */
  table: string;
  key: string;
  /**
   * Column → value as PostgreSQL's text input reads it (bytea as `\x` hex), the key column
   * included, its value in canonical text (a UUID in lower case). Absent columns take their default.
   */
  values: Readonly<Record<string, string>>;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  nextExpectedRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit (or -1n) to start from the beginning. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscriptionOptions {
  /** Exclusive checkpoint: the last position the subscriber has fully handled, or undefined for the start. */
  after?: bigint;
  /** Called once per event, in global order; the next event is not delivered before the promise resolves. */
  handler: (event: RecordedEvent) => Promise<void>;
  /** Optional batch size hint for catch-up reads. */
  batchSize?: number;
  /**
   * Called when the subscription stops because the handler or the store failed: a checkpoint past
   * the head ({@link CheckpointBeyondHeadError}), an event the store cannot read
   * ({@link ForeignEventError}), a refusal of the server. Short outages are retried inside the
   * adapter and never reach it.
   */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the handler is idle and no further event will be delivered. */
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends atomically: all events or none. Throws {@link WrongExpectedRevisionError} when the
   * stream is not at `expectedRevision`. Retrying an append whose event ids are already stored in
   * that stream returns the original result and writes nothing.
   */
  appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /**
   * True when `appendToStream` writes `AppendOptions.alongside` (the PostgreSQL store): an append
   * whose row is already in its table (or earlier in the same commit) then fails with
   * {@link RowAlreadyExistsError}, whatever else, and writes nothing.
   */
  readonly writesRowsAlongside: boolean;

  /** All events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamName: string, options?: { fromRevision?: bigint }): Promise<RecordedEvent[]>;

  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up subscription: reads history after the checkpoint, then follows live appends, never skipping or repeating one. */
  subscribeToAll(options: SubscriptionOptions): Subscription;

  /** Position of the last event in the store, or -1n when it is empty. */
  headPosition(): Promise<bigint>;

  /**
   * The identity of the storage behind this store, made once when the storage is first used: the
   * same for every instance on one database or cluster (and after a restore of it), another one
   * for any other store. A checkpoint records it, so that it is never read against another store's
   * positions (see the WARNING at the top of this file).
   */
  identity(): Promise<string>;

  close(): Promise<void>;
}

/** Raised by appendToStream; the HTTP layer maps it to 409. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'STREAM.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName} expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Raised when an event id is retried with a different stream or content. */
export class DuplicateEventIdError extends Error {
  readonly code = 'STREAM.DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored with another stream or content`);
    this.name = 'DuplicateEventIdError';
  }
}

/** An append's row alongside (AppendOptions.alongside) is already in its table: nothing was written. */
export class RowAlreadyExistsError extends Error {
  readonly code = 'STORE.ROW_ALREADY_EXISTS';
  constructor(
    readonly table: string,
    readonly key: string,
  ) {
    super(`A row of ${table} with this ${key} already exists: the append wrote nothing`);
    this.name = 'RowAlreadyExistsError';
  }
}

/** The store cannot write rows alongside its events (EventStore.writesRowsAlongside is false). */
export const refuseRowsAlongside = (options: AppendOptions, store: string): void => {
  if (options.alongside?.length) throw new TypeError(`The ${store} event store writes no rows alongside its events`);
};

/**
 * A subscription asked to start after a position past the last event of the store: its checkpoint
 * was taken on another store, or before a restore. Starting there would skip, silently, every event
 * appended up to it, so the subscription refuses (one line, for the log and /health).
 */
export class CheckpointBeyondHeadError extends Error {
  readonly code = 'STORE.CHECKPOINT_BEYOND_HEAD';
  constructor(
    readonly after: bigint,
    readonly head: bigint,
  ) {
    super(
      `Refusing to subscribe after position ${after}: the last event of this store is at ${head}, so the checkpoint comes from another store or from before a restore`,
    );
    this.name = 'CheckpointBeyondHeadError';
  }
}

/**
 * An event under the store's streams that Passerelle did not write (not JSON, or without its
 * envelope): no subscriber can apply it, and retrying cannot change it. Names the event by id and
 * stream only, never by its content.
 */
export class ForeignEventError extends Error {
  readonly code = 'STORE.FOREIGN_EVENT';
  constructor(
    readonly eventId: string,
    readonly streamName: string,
    reason: string,
    /** Its global position, when the store gave one: a checkpoint set to it skips it (docs/operations.md). */
    readonly globalPosition?: bigint,
  ) {
    super(
      `Event ${eventId} of ${streamName}${globalPosition === undefined ? '' : ` at position ${globalPosition}`} was not written by Passerelle (${reason}): remove it, or skip it (docs/operations.md)`,
    );
    this.name = 'ForeignEventError';
  }
}
