import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EsdbClient, EsdbSubscription } from '../esdb-client';

/** One record of the fake log, as the server keeps it. */
interface StoredRecord {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  revision: bigint;
  position: bigint;
  created: Date;
}

/** An append held on its way to the server until the test lets it through. */
interface HeldAppend {
  stream: string;
  resume(): void;
  done: Promise<void>;
}

/**
 * A scripted stand-in for `@eventstore/db-client` over a fake server, for the unit tests of the
 * adapter where no EventStoreDB can run. It answers as KurrentDB does where the adapter's
 * correctness depends on it, and throws the client's own errors:
 *
 * - an append is decided as `IndexWriter.CheckCommit` decides it: with `any` or `stream_exists`
 *   a repeat is recognised only through a cache of recent ids (which the test may evict, as memory
 *   pressure or a leader change does), and a partial repeat is a wrong expected version; with an
 *   exact revision (or `no_stream` on an existing stream) the log itself is read at those revisions;
 * - a subscription from a position past the end of the log goes live there and waits, as the
 *   server's filtered `$all` enumerator does;
 * - positions are commit positions that grow by 100 per record; `$all` also holds the adapter's
 *   claim and identity streams, as on the server.
 *
 * Scripting: hold appends to a stream and let them through one by one (`holdAppends`), evict the
 * id cache, write an event another application could write (`writeForeign`), make the next
 * subscription fail after some deliveries (`failNextSubscription`).
 */
export class ScriptedEsdbClient implements EsdbClient {
  readonly log: StoredRecord[] = [];
  /** The position each subscription was opened from (undefined: the start). */
  readonly subscriptionsOpened: (bigint | undefined)[] = [];
  closed = false;
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly idCache = new Map<string, { streamId: string; revision: bigint }>();
  private readonly wakers = new Set<() => void>();
  private readonly subscriptionFailures: { afterDeliveries: number; error: Error }[] = [];
  private readonly appendFailures = new Map<string, Error>();
  private hold: { matches: (stream: string) => boolean; held: HeldAppend[]; arrivals: (() => void)[] } | null = null;

  /** Holds every append to a matching stream until released; held appends are decided in arrival order. */
  holdAppends(matches: (stream: string) => boolean): {
    arrived(count: number): Promise<void>;
    releaseOne(): Promise<void>;
    releaseAll(): Promise<void>;
  } {
    const hold = { matches, held: [] as HeldAppend[], arrivals: [] as (() => void)[] };
    this.hold = hold;
    const waitUntil = async (condition: () => boolean): Promise<void> => {
      while (!condition()) await new Promise<void>((resolve) => hold.arrivals.push(resolve));
    };
    return {
      arrived: (count) => waitUntil(() => hold.held.length >= count),
      releaseOne: async () => {
        const next = hold.held.shift();
        if (!next) throw new Error('No append is held');
        next.resume();
        await next.done;
      },
      releaseAll: async () => {
        this.hold = null;
        for (const next of hold.held.splice(0)) {
          next.resume();
          await next.done;
        }
      },
    };
  }

  /** Forgets the recent ids, as the server does under memory pressure or on a new leader. */
  evictIdCache(): void {
    this.idCache.clear();
  }

  /** An event another application wrote under `streamId`: binary, or JSON without a Passerelle envelope. */
  writeForeign(streamId: string, kind: 'binary' | 'json' = 'binary'): void {
    const data = kind === 'binary' ? new Uint8Array([0xde, 0xad, 0xbe, 0xef]) : { order: 42 };
    this.write(streamId, [{ id: randomUUID(), type: 'OrderPlaced', data, metadata: undefined, isJson: kind === 'json' }]);
  }

  /** The next append to `streamId` fails with `error` before reaching the log (a dropped connection, say). */
  failNextAppendTo(streamId: string, error: Error): void {
    this.appendFailures.set(streamId, error);
  }

  /** The next subscription delivers `afterDeliveries` events, then fails with `error`. */
  failNextSubscription(error: Error, afterDeliveries = 0): void {
    this.subscriptionFailures.push({ afterDeliveries, error });
  }

  stream(streamId: string): readonly StoredRecord[] {
    return this.streams.get(streamId) ?? [];
  }

  async appendToStream(
    streamId: string,
    events: EventData[],
    { expectedRevision }: { expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) throw new UnavailableError(undefined, 'The client is closed');
    const failure = this.appendFailures.get(streamId);
    if (failure) {
      this.appendFailures.delete(streamId);
      throw failure;
    }
    const hold = this.hold;
    if (hold?.matches(streamId)) {
      let finished: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finished = resolve));
      await new Promise<void>((resume) => {
        hold.held.push({ stream: streamId, resume, done });
        for (const arrival of hold.arrivals.splice(0)) arrival();
      });
      try {
        return this.decide(streamId, events, expectedRevision);
      } finally {
        finished();
      }
    }
    return this.decide(streamId, events, expectedRevision);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<ResolvedEvent> {
    const records = this.streams.get(streamId);
    const { fromRevision = START, direction, maxCount } = options;
    const backwards = direction === BACKWARDS;
    const closed = this.closed;
    return (async function* () {
      await Promise.resolve();
      if (closed) throw new UnavailableError(undefined, 'The client is closed');
      if (!records) throw new StreamNotFoundError(undefined, streamId);
      let selected = backwards
        ? [...records].reverse().filter((record) => fromRevision === END || fromRevision === START || record.revision <= fromRevision)
        : records.filter((record) => fromRevision === START || fromRevision === END || record.revision >= fromRevision);
      if (!backwards && fromRevision === END) selected = [];
      for (const record of selected.slice(0, maxCount === undefined ? undefined : Number(maxCount)))
        yield { event: toClientEvent(record) } as ResolvedEvent;
    })();
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<AllStreamResolvedEvent> {
    const { fromPosition = START, direction, maxCount } = options;
    const backwards = direction === BACKWARDS;
    const log = [...this.log];
    return (async function* () {
      await Promise.resolve();
      const at = (record: StoredRecord) =>
        fromPosition === START || fromPosition === END
          ? !(fromPosition === END && !backwards)
          : backwards
            ? record.position <= fromPosition.commit
            : record.position >= fromPosition.commit;
      const selected = (backwards ? log.reverse() : log).filter(at);
      for (const record of selected.slice(0, maxCount === undefined ? undefined : Number(maxCount)))
        yield { event: toClientEvent(record) } as AllStreamResolvedEvent;
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EsdbSubscription {
    const { fromPosition = START, filter } = options;
    const from = fromPosition === START ? undefined : fromPosition === END ? (this.log.at(-1)?.position ?? 0n) + 1n : fromPosition.commit;
    this.subscriptionsOpened.push(fromPosition === START || fromPosition === END ? undefined : fromPosition.commit);
    const prefixes = filter && 'prefixes' in filter ? filter.prefixes : [''];
    const failure = this.subscriptionFailures.shift();
    const state: { ended: boolean; wake: () => void } = { ended: false, wake: () => undefined };
    const waker = () => state.wake();
    this.wakers.add(waker);
    const end = () => {
      state.ended = true;
      waker();
      this.wakers.delete(waker);
    };
    const events = this.follow(from, prefixes, failure, state);
    return {
      [Symbol.asyncIterator]: () => events,
      unsubscribe: async () => end(),
      destroy: () => end(),
    };
  }

  private async *follow(
    from: bigint | undefined,
    prefixes: readonly string[],
    failure: { afterDeliveries: number; error: Error } | undefined,
    state: { ended: boolean; wake: () => void },
  ): AsyncGenerator<AllStreamResolvedEvent> {
    let index = 0;
    let delivered = 0;
    while (!state.ended && !this.closed) {
      if (failure && delivered >= failure.afterDeliveries) throw failure.error;
      const record = this.log[index];
      if (!record) {
        await new Promise<void>((resolve) => (state.wake = resolve));
        continue;
      }
      index += 1;
      const wanted = (from === undefined || record.position >= from) && prefixes.some((prefix) => record.streamId.startsWith(prefix));
      if (!wanted) continue;
      delivered += 1;
      yield { event: toClientEvent(record) } as AllStreamResolvedEvent;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waker of [...this.wakers]) waker();
  }

  /** IndexWriter.CheckCommit's decision, then the write; throws WrongExpectedVersionError as the client does. */
  private decide(streamId: string, events: EventData[], expectedRevision: AppendExpectedRevision): AppendResult {
    const current = this.streams.get(streamId)?.at(-1)?.revision ?? -1n;
    const refuse = () =>
      new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        expected: expectedRevision,
        current: current < 0n ? NO_STREAM : current,
      });
    const ids = events.map((event) => event.id);
    if (expectedRevision === STREAM_EXISTS && current < 0n) throw refuse();
    if (expectedRevision === ANY || expectedRevision === STREAM_EXISTS) {
      // Idempotency from the cache of recent ids only: an unknown first id is a new append.
      let last: bigint | null = null;
      for (const id of ids) {
        const cached = this.idCache.get(id);
        if (cached?.streamId !== streamId) {
          if (last === null) return this.write(streamId, events);
          throw refuse(); // CorruptedIdempotency
        }
        last = cached.revision;
      }
      return { success: true, nextExpectedRevision: last ?? current };
    }
    const expected = expectedRevision === NO_STREAM ? -1n : expectedRevision;
    if (expected < current) {
      // Reads the log at the revisions the repeat would have.
      const stored = this.streams.get(streamId) ?? [];
      const matches = ids.every((id, offset) => stored[Number(expected) + 1 + offset]?.id === id);
      if (!matches) throw refuse(); // a first mismatch (WrongExpectedVersion) or a later one (CorruptedIdempotency)
      return { success: true, nextExpectedRevision: expected + BigInt(ids.length) };
    }
    if (expected > current) throw refuse();
    return this.write(streamId, events);
  }

  private write(
    streamId: string,
    events: (EventData | { id: string; type: string; data: unknown; metadata: unknown; isJson: boolean })[],
  ): AppendResult {
    const records = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, records);
    let revision = records.at(-1)?.revision ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      position = BigInt(this.log.length + 1) * 100n;
      const isJson = 'isJson' in event ? event.isJson : event.contentType === 'application/json';
      const record: StoredRecord = {
        streamId,
        id: event.id,
        type: event.type,
        // JSON round trips, as through the wire; bytes stay bytes.
        data: isJson ? (JSON.parse(JSON.stringify(event.data)) as unknown) : event.data,
        metadata: event.metadata === undefined ? undefined : (JSON.parse(JSON.stringify(event.metadata)) as unknown),
        isJson,
        revision,
        position,
        created: new Date(),
      };
      records.push(record);
      this.log.push(record);
      this.idCache.set(event.id, { streamId, revision });
    }
    for (const waker of [...this.wakers]) waker();
    return { success: true, nextExpectedRevision: revision, position: { commit: position, prepare: position } };
  }
}

function toClientEvent(record: StoredRecord): Record<string, unknown> {
  return { ...record, position: { commit: record.position, prepare: record.position } };
}
