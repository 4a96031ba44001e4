import { START, StreamNotFoundError, streamNameFilter } from '@eventstore/db-client';
import {
  CheckpointBeyondHeadError,
  refuseRowsAlongside,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
import { AllStreamReader } from './all-stream-reader';
import { connect } from './connection-string';
import type { EsdbClient, EsdbSubscription } from './esdb-client';
import { toRecordedEvent } from './event-data.mapping';
import { EventIdClaims } from './event-id-claims';
import { EventStoreDbAppend } from './eventstoredb-append';
import type { EventStoreDbEventStoreOptions } from './eventstoredb-event-store.options';
import { toEsdbPosition } from './position.mapping';
import { ResubscribingSubscription, type SubscriptionSource } from './resubscribing-subscription';
import { readOrCreateIdentity } from './store-identity';
import { PASSERELLE_STREAM_PREFIXES, StreamNames } from './stream-names';

/**
 * The production event store (docs/architecture.md#deployment-modes) on EventStoreDB / KurrentDB through `@eventstore/db-client`.
 * Ordering comes from the server's transaction log, so there is no ordering trap to solve here;
 * positions are commit positions (see position.mapping.ts). Appends: eventstoredb-append.ts.
 *
 * WARNING: reading `$all` (readAll, headPosition, subscriptions) needs a user allowed to read it
 * (an admin, or `$all` in the default ACLs). `readAll` filters on the client; only subscriptions
 * use the server-side filter, because client 6 offers none for reads.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly appends: EventStoreDbAppend;
  private readonly all: AllStreamReader;
  private readonly subscriptions = new Set<Subscription>();
  private storeId: Promise<string> | null = null;
  private closing: Promise<void> | null = null;

  /** The events live on another server: a caller writes its rows before the append instead. */
  readonly writesRowsAlongside = false;

  constructor(
    private readonly client: EsdbClient,
    private readonly names: StreamNames,
    private readonly options: Pick<EventStoreDbEventStoreOptions, 'resubscribe'> = {},
  ) {
    this.appends = new EventStoreDbAppend(client, names, new EventIdClaims(client, names));
    this.all = new AllStreamReader(client, names);
  }

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closing) throw new Error('The event store is closed');
    if (!Array.isArray(events) || events.length === 0) throw new TypeError(`An append to ${streamName} needs at least one event`);
    refuseRowsAlongside(options, 'EventStoreDB');
    return this.appends.append(streamName, events, options);
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

  identity(): Promise<string> {
    this.storeId ??= readOrCreateIdentity(this.client, this.names.identityStream()).catch((error: unknown) => {
      this.storeId = null; // a failed read is asked again, not remembered
      throw error;
    });
    return this.storeId;
  }

  /** Stops the subscriptions (each waits for its handler), then cancels what is left and closes the gRPC channel. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      await this.client.close();
    })();
    return this.closing;
  }

  /**
   * A server subscription after a checkpoint. The server, asked for a position past the end of its
   * log, goes live there and silently skips every event appended up to it: a checkpoint past our
   * head (taken on another store, or before a restore) is refused instead, at every (re)open.
   */
  private async openSubscription(after: bigint | undefined): Promise<SubscriptionSource> {
    if (after !== undefined) {
      const head = await this.all.headPosition();
      if (after > head) throw new CheckpointBeyondHeadError(after, head);
    }
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

  /** Our events only; one we cannot read (another writer's) throws ForeignEventError, which is not retried. */
  private async *ours(subscription: EsdbSubscription): AsyncIterable<RecordedEvent> {
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
