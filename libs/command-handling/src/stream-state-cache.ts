/** A folded stream: its state and the revision of the last event folded into it. */
export interface CachedStream<State = unknown> {
  state: State;
  revision: bigint;
}

/**
 * Folded stream states kept between the commands of one process, least recently used first out.
 *
 * Safe without invalidation because of how it is used: the stream a command writes is appended
 * with the cached revision as the expected revision (handle-command.ts), and a stream it only reads
 * (her case, when a referral is made or moved) is named with its cached revision in the append's
 * `alsoExpect` (read-stream.ts); either way a state that another process moved fails the append
 * and the command is decided again on a fresh read, as is a refusal decided on a cached state.
 * States must be immutable values (evolve returns new objects), as they are shared.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();

  constructor(private readonly capacity = 50_000) {}

  get<State>(streamName: string): CachedStream<State> | undefined {
    const entry = this.entries.get(streamName);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    return entry as CachedStream<State>;
  }

  set<State>(streamName: string, entry: CachedStream<State>): void {
    const known = this.entries.get(streamName);
    // Never move a stream backwards: a slower reader may finish after a newer append was cached.
    if (known && known.revision > entry.revision) return;
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(streamName: string): void {
    this.entries.delete(streamName);
  }

  get size(): number {
    return this.entries.size;
  }
}
