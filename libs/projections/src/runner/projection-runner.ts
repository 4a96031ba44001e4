import { Logger } from '@nestjs/common';
import type { RecordedEvent, Subscription } from '@passerelle/event-store';
import type { DataSource } from 'typeorm';
import { Backoff, DEFAULT_BACKOFF } from './backoff';
import { CheckpointFromAnotherStoreError, CheckpointPastHeadError } from './checkpoint-refusals';
import { adoptStore, advanceCheckpoints, ensureCheckpoints, NO_CHECKPOINT, readCheckpointRows, readCheckpoints } from './checkpoint-store';
import { CheckpointWaiters } from './checkpoint-waiters';
import { commitBatch, type RunnerMember } from './commit-batch';
import { describeError, type ProjectionLogger, type ProjectionRunnerOptions, type ProjectionStatus } from './projection-runner.options';
import { waitForCheckpoint } from './wait-for-checkpoint';

/** How long a quiet stream's first event waits for others to share its transaction. */
export const FLUSH_WINDOW_MS = 15;

/**
 * The next batch's window: 15 ms on a quiet stream, 3 ms more per event of the previous batch, up
 * to the runner's `maxFlushWindowMs` (projection-runner.options.ts).
 */
export function flushWindowMs(previousBatchSize: number, maxFlushWindowMs: number): number {
  return Math.max(FLUSH_WINDOW_MS, Math.min(maxFlushWindowMs, FLUSH_WINDOW_MS + 3 * previousBatchSize));
}
/** How long a checkpoint moved only by events the projection ignores may wait before it is stored. */
const IDLE_CHECKPOINT_SAVE_MS = 1000;

/** One subscription's life: dropped whole on failure, then the runner resubscribes from the database. */
interface Session {
  subscription: Subscription | null;
  buffer: RecordedEvent[];
  flushScheduled: boolean;
  flushing: Promise<void>;
  /** How many events the last flush took: sets the next flush window. */
  lastBatchSize: number;
  closed: boolean;
}

/**
 * Runs one projection, or a group of them, from their checkpoints: buffers delivered events and
 * commits them with the checkpoints in one transaction per batch (up to `batchSize`, or as soon as
 * the stream goes quiet). A group shares the subscription and the transaction; each member keeps
 * its own checkpoint and only sees the events after it.
 * On failure it drops the subscription and the uncommitted buffer, then resubscribes from the stored
 * checkpoint after a backoff, so nothing is lost and nothing applied twice.
 */
export class ProjectionRunner {
  /** The group's name in logs and for leader election (its projections' names joined by `+` unless given). */
  readonly name: string;
  private readonly batchSize: number;
  private readonly maxFlushWindowMs: number;
  private readonly backoff: Backoff;
  private readonly logger: ProjectionLogger;
  private readonly waiters: CheckpointWaiters;
  private session: Session | null = null;
  private state: ProjectionStatus['state'] = 'stopped';
  private readonly members: RunnerMember[];
  /** The lowest committed checkpoint of the members: where the subscription resumes. */
  private checkpoint = NO_CHECKPOINT;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Failures since the last progress (a committed batch, or events delivered): the projection is failing while above 0 and behind. */
  private consecutiveFailures = 0;
  /** The identity of the store the checkpoints belong to, once the runner has opened on it. */
  private storeId: string | null = null;
  private unsavedCheckpoint: bigint | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const projections = [options.projection].flat();
    this.members = projections.map((projection) => ({ projection, handles: new Set(projection.handles), checkpoint: NO_CHECKPOINT }));
    this.name = options.name ?? projections.map((projection) => projection.name).join('+');
    this.batchSize = options.batchSize ?? 500;
    this.maxFlushWindowMs = options.maxFlushWindowMs ?? FLUSH_WINDOW_MS;
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.logger = options.logger ?? new Logger(`Projection:${this.name}`);
    this.waiters = new CheckpointWaiters(async () => lowest(await readCheckpoints(options.dataSource, this.memberNames())));
  }

  /** Cross-process read-your-writes: polls the checkpoint of `name` in the database every 50 ms. */
  static waitForCheckpoint(dataSource: DataSource, name: string, position: bigint, timeoutMs: number): Promise<boolean> {
    return waitForCheckpoint(dataSource, name, position, timeoutMs);
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.state = 'running';
    await this.open();
  }

  /** Stops delivery, commits what was already delivered, and resolves once nothing is in flight. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const session = this.session;
    this.session = null;
    if (!session) return;
    await session.subscription?.stop();
    await this.flush(session);
    session.closed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.unsavedCheckpoint !== null && this.storeId !== null)
      await advanceCheckpoints(this.options.dataSource, this.memberNames(), this.unsavedCheckpoint, this.storeId);
    this.unsavedCheckpoint = null;
  }

  /** True once the committed checkpoint is at or past `position`, false after `timeoutMs`. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.checkpoint >= position) return Promise.resolve(true);
    return this.waiters.wait(position, timeoutMs);
  }

  /** The group as a whole: its lowest checkpoint. */
  async status(): Promise<ProjectionStatus> {
    const statuses = await this.memberStatuses();
    const slowest = statuses.reduce((a, b) => (b.checkpoint < a.checkpoint ? b : a));
    return { ...slowest, name: this.name };
  }

  /**
   * One status per projection of the group, each with its own committed checkpoint and lag. A
   * projection is `failed` while it waits to restart after a failure, and after the restart while it
   * has not moved since, unless it has nothing to do (checkpoint at the head): a poison event, a
   * refused checkpoint or a store that refuses access stay failed; a failure the restart got past
   * clears itself.
   */
  async memberStatuses(): Promise<ProjectionStatus[]> {
    const { dataSource, store } = this.options;
    const names = this.memberNames();
    const [checkpoints, head] = await Promise.all([
      readCheckpoints(dataSource, names).catch(() => names.map(() => this.checkpoint)),
      store.headPosition().catch(() => undefined),
    ]);
    return names.map((name, index) => {
      const checkpoint = checkpoints[index] ?? NO_CHECKPOINT;
      const lag = head === undefined ? undefined : head > checkpoint ? head - checkpoint : 0n;
      const failed = this.state === 'backing_off' || (this.state === 'running' && this.consecutiveFailures > 0 && checkpoint !== head);
      const { failures, consecutiveFailures, lastError } = this;
      return { name, state: this.state, checkpoint, lag, failed, failures, consecutiveFailures, lastError };
    });
  }

  private memberNames(): string[] {
    return this.members.map((member) => member.projection.name);
  }

  private async open(): Promise<void> {
    const session: Session = {
      subscription: null,
      buffer: [],
      flushScheduled: false,
      flushing: Promise.resolve(),
      lastBatchSize: 0,
      closed: false,
    };
    this.session = session;
    try {
      const checkpoints = await this.readOwnCheckpoints();
      if (this.session !== session) return; // stopped (or restarted) while reading the checkpoints
      this.members.forEach((member, index) => (member.checkpoint = checkpoints[index] ?? NO_CHECKPOINT));
      const stored = lowest(checkpoints);
      this.checkpoint = stored;
      this.waiters.notify(stored);
      this.logger.log(`subscribing after position ${stored}`);
      session.subscription = this.options.store.subscribeToAll({
        after: stored === NO_CHECKPOINT ? undefined : stored,
        batchSize: this.batchSize,
        handler: (event) => this.receive(session, event),
        onError: (error) => void this.fail(session, error),
      });
    } catch (error) {
      await this.fail(session, error);
    }
  }

  /**
   * The stored checkpoints (not the in-memory ones: an operator may have lowered one to replay
   * events), refused when they belong to another store or lie past its head: started there, the
   * subscription would skip events without a word (the event store port's WARNING on positions).
   */
  private async readOwnCheckpoints(): Promise<bigint[]> {
    const { dataSource, store } = this.options;
    const names = this.memberNames();
    const storeId = await store.identity();
    await ensureCheckpoints(dataSource, names, storeId);
    const [rows, head] = await Promise.all([readCheckpointRows(dataSource, names), store.headPosition()]);
    rows.forEach((row, index) => {
      const name = names[index] ?? '';
      if (row.storeId !== null && row.storeId !== storeId) throw new CheckpointFromAnotherStoreError(name, row.storeId, storeId);
      if (row.position > head) throw new CheckpointPastHeadError(name, row.position, head);
    });
    if (rows.some((row) => row.storeId === null)) await adoptStore(dataSource, names, storeId);
    this.storeId = storeId;
    return rows.map((row) => row.position);
  }

  private async receive(session: Session, event: RecordedEvent): Promise<void> {
    // A closed session's events are not lost: the next session re-reads them after the checkpoint.
    if (session.closed) return;
    session.buffer.push(event);
    // A full batch holds the handler (and so the store) until it is committed: bounded memory.
    if (session.buffer.length >= this.batchSize) return this.flush(session);
    if (!session.flushScheduled) {
      session.flushScheduled = true;
      // A short window lets a burst of appends share one read-model transaction instead of one each.
      setTimeout(
        () => {
          session.flushScheduled = false;
          void this.flush(session);
        },
        flushWindowMs(session.lastBatchSize, this.maxFlushWindowMs),
      );
    }
  }

  /** Commits the buffer; flushes are chained so batches commit one at a time, in order. */
  private flush(session: Session): Promise<void> {
    session.flushing = session.flushing.then(async () => {
      if (session.closed || session.buffer.length === 0) return;
      const batch = session.buffer;
      session.buffer = [];
      session.lastBatchSize = batch.length;
      const last = batch[batch.length - 1];
      const wanted = (event: RecordedEvent) =>
        this.members.some((member) => event.globalPosition > member.checkpoint && member.handles.has(event.type));
      if (last && !batch.some(wanted)) {
        // Nothing for this read model: move on in memory and store the checkpoint later, without a
        // transaction per batch. After a crash these events are read again and are still no-ops.
        this.advance(last.globalPosition);
        this.scheduleCheckpointSave(last.globalPosition);
        this.consecutiveFailures = 0;
        return;
      }
      try {
        const committed = await commitBatch(this.options.dataSource, this.members, batch, this.requireStoreId());
        this.members.forEach((member, index) => (member.checkpoint = committed[index] ?? member.checkpoint));
        this.advance(lowest(committed));
        this.backoff.reset();
        this.consecutiveFailures = 0;
      } catch (error) {
        void this.fail(session, error);
      }
    });
    return session.flushing;
  }

  private scheduleCheckpointSave(position: bigint): void {
    this.unsavedCheckpoint = position;
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = null;
      const toSave = this.unsavedCheckpoint;
      this.unsavedCheckpoint = null;
      if (toSave !== null)
        void advanceCheckpoints(this.options.dataSource, this.memberNames(), toSave, this.requireStoreId()).catch(() => undefined);
    }, IDLE_CHECKPOINT_SAVE_MS);
  }

  private requireStoreId(): string {
    if (this.storeId === null) throw new Error(`${this.name} handled events before it read its checkpoints`);
    return this.storeId;
  }

  private advance(committed: bigint): void {
    for (const member of this.members) if (committed > member.checkpoint) member.checkpoint = committed;
    if (committed > this.checkpoint) this.checkpoint = committed;
    this.waiters.notify(this.checkpoint);
  }

  private async fail(session: Session, error: unknown): Promise<void> {
    if (session.closed) return;
    session.closed = true;
    session.buffer = [];
    this.failures += 1;
    this.consecutiveFailures += 1;
    this.lastError = describeError(error);
    this.options.onError?.(error);
    await session.subscription?.stop().catch(() => undefined);
    if (this.session !== session || this.state === 'stopped') return;
    const delay = this.backoff.next();
    this.logger.error(`failed at checkpoint ${this.checkpoint}, restarting in ${delay} ms: ${this.lastError}`);
    this.state = 'backing_off';
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.session !== session) return;
      this.state = 'running';
      void this.open();
    }, delay);
  }
}

const lowest = (positions: readonly bigint[]): bigint => positions.reduce((a, b) => (b < a ? b : a), positions[0] ?? NO_CHECKPOINT);
