import {
  BACKWARDS,
  END,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  streamNameFilter,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type ReadCondition,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
import { AllStreamReader } from './all-stream-reader';
import { toEventData, toRecordedEvent } from './event-data.mapping';
import { EventIdClaims } from './event-id-claims';
import type { EventStoreDbEventStoreOptions } from './eventstoredb-event-store.options';
import { toEsdbPosition, toPortPosition } from './position.mapping';
import { ResubscribingSubscription, type SubscriptionSource } from './resubscribing-subscription';
import { decideFromClaims, decideFromStream, type RetryDecision, type StoredRef } from './retry-decision';
import { toEsdbExpectedRevision, toWrongExpectedRevision } from './revision.mapping';
import { connect } from './connection-string';
import { PASSERELLE_STREAM_PREFIXES, StreamNames } from './stream-names';

/**
 * The production event store (docs/architecture.md#deployment-modes) on EventStoreDB / KurrentDB through `@eventstore/db-client`.
 * Ordering comes from the server's transaction log, so there is no ordering trap to solve here;
 * positions are commit positions (see position.mapping.ts).
 *
 * WARNING: reading `$all` (readAll, headPosition, subscriptions) needs a user allowed to read it
 * (an admin, or `$all` in the default ACLs). `readAll` filters on the client; only subscriptions
 * use the server-side filter, because client 6 offers none for reads.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly claims: EventIdClaims;
  private readonly all: AllStreamReader;
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
    private readonly options: Pick<EventStoreDbEventStoreOptions, 'resubscribe'> = {},
  ) {
    this.claims = new EventIdClaims(client, names);
    this.all = new AllStreamReader(client, names);
  }

  async appendToStream(
    streamName: string,
    events: NewEvent[],
    { expectedRevision, alsoExpect = [] }: AppendOptions,
  ): Promise<AppendResult> {
    if (this.closing) throw new Error('The event store is closed');
    if (!Array.isArray(events) || events.length === 0) throw new TypeError(`An append to ${streamName} needs at least one event`);
    const stream = this.names.toEsdb(streamName);
    const expected = toEsdbExpectedRevision(expectedRevision);
    const data = events.map(toEventData);
    const decision = await this.decide(
      streamName,
      data.map((event) => event.id),
    );
    if (decision.kind === 'duplicate') throw new DuplicateEventIdError(decision.eventId);
    if (decision.kind === 'retried') return decision.result;
    // No multi-stream condition on the server: checked just before the append (see the port's WARNING).
    for (const condition of alsoExpect) await this.assertUnchanged(condition);
    try {
      const result = await this.client.appendToStream(stream, data, { expectedRevision: expected });
      // The server leaves the position out when it answers a retry from its own deduplication.
      const position = result.position ? toPortPosition(result.position) : await this.positionOf(streamName, result.nextExpectedRevision);
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toWrongExpectedRevision(error, streamName, expectedRevision);
      throw error;
    }
  }

  async readStream(streamName: string, options: { fromRevision?: bigint } = {}): Promise<RecordedEvent[]> {
    const stream = this.names.toEsdb(streamName);
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: options.fromRevision ?? START })) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, streamName));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.all.readAll(options);
  }

  subscribeToAll(options: SubscriptionOptions): Subscription {
    const inner = new ResubscribingSubscription((after) => this.openSubscription(after), options, this.options.resubscribe);
    const subscription: Subscription = {
      stop: async () => {
        await inner.stop();
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<bigint> {
    return this.all.headPosition();
  }

  /** Stops the subscriptions (each waits for its handler), then closes the gRPC channels. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  private async decide(streamName: string, ids: string[]): Promise<RetryDecision> {
    const repeated = decideFromClaims(streamName, ids, []);
    if (repeated.kind === 'duplicate') return repeated;
    const byClaims = decideFromClaims(streamName, ids, await this.claims.claimAll(ids, streamName));
    if (byClaims.kind !== 'look_up') return byClaims;
    const stored = new Map<string, StoredRef>((await this.readStream(streamName)).map((event) => [event.eventId, event]));
    return decideFromStream(ids, stored);
  }

  private async assertUnchanged({ streamName, expectedRevision }: ReadCondition): Promise<void> {
    let actual: bigint | 'no_stream' = 'no_stream';
    try {
      for await (const resolved of this.client.readStream(this.names.toEsdb(streamName), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (resolved.event) actual = resolved.event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const holds =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream'
        ? actual === 'no_stream'
        : expectedRevision === 'stream_exists'
          ? actual !== 'no_stream'
          : actual === expectedRevision);
    if (!holds) throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
  }

  private async positionOf(streamName: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readStream(streamName, { fromRevision: revision });
    if (!event) throw new Error(`EventStoreDB acknowledged an append to ${streamName} whose last event it cannot read back`);
    return event.globalPosition;
  }

  private openSubscription(after: bigint | undefined): SubscriptionSource {
    const subscription = this.client.subscribeToAll({
      fromPosition: toEsdbPosition(after),
      filter: streamNameFilter({ prefixes: this.names.filterPrefixes() }),
    });
    return {
      events: this.ours(subscription),
      close: async () => {
        await subscription.unsubscribe().catch(() => undefined);
        // Ends a pending iteration too: a cancelled call does not always end the stream by itself.
        subscription.destroy();
      },
    };
  }

  private async *ours(subscription: AllStreamSubscription): AsyncIterable<RecordedEvent> {
    for await (const { event } of subscription) {
      const streamName = event ? this.names.fromEsdb(event.streamId) : null;
      if (event && streamName !== null) yield toRecordedEvent(event, streamName);
    }
  }
}

/**
 * Connects lazily: nothing is sent before the first call, so an app can start before the server
 * and report it through /health. Throws at once on a connection string the client cannot parse.
 */
export function createEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  const names = new StreamNames(options.namespace ?? '', options.streamPrefixes ?? PASSERELLE_STREAM_PREFIXES);
  return new EventStoreDbEventStore(connect(options.connectionString), names, options);
}
