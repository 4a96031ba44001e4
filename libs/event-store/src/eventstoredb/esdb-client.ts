import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  EventData,
  EventStoreDBClient,
  ReadAllOptions as EsdbReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';

/** A live `$all` subscription: its events, and the two ways to end it. */
export interface EsdbSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(): void;
}

/**
 * The part of `@eventstore/db-client` the adapter uses, so that a scripted fake of the server
 * (testing/scripted-esdb-client.ts) can stand in for it where no EventStoreDB can run.
 * Errors are the client's own (WrongExpectedVersionError, UnavailableError, …).
 */
export interface EsdbClient {
  appendToStream(streamName: string, events: EventData[], options: { expectedRevision: AppendExpectedRevision }): Promise<EsdbAppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options?: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): EsdbSubscription;
  /** Cancels every call in flight, then closes the gRPC channel (and its sockets). */
  close(): Promise<void>;
}

/** What the client keeps behind `getChannel` (a grpc-js Channel): only closing it matters here. */
interface ClosableChannel {
  close(): void;
}

/**
 * The real client behind {@link EsdbClient}. Client 6's `dispose()` cancels the calls in flight
 * but never closes its gRPC channel: the socket and its keep-alive pings outlive the store, which
 * keeps a stopping process (or a test) alive and the server counting a connection. The client
 * makes its channel in `getChannel`, an instance property (not a prototype method), and makes a
 * new one after a lost connection or a leader change; each is recorded here on its way out, so
 * that `close()` can close whichever are left.
 */
export function wrapEsdbClient(client: EventStoreDBClient): EsdbClient {
  const channels = new Set<Promise<ClosableChannel>>();
  const internals = client as unknown as { getChannel?: () => Promise<ClosableChannel> };
  const getChannel = internals.getChannel;
  if (typeof getChannel !== 'function') {
    throw new Error('@eventstore/db-client no longer makes its channel in getChannel: check esdb-client.ts against the installed version');
  }
  internals.getChannel = () => {
    const channel = getChannel.call(client);
    channels.add(channel);
    return channel;
  };
  return {
    appendToStream: (streamName, events, options) => client.appendToStream(streamName, events, options),
    readStream: (streamName, options) => client.readStream(streamName, options),
    readAll: (options) => client.readAll(options),
    subscribeToAll: (options) => client.subscribeToAll(options),
    close: async () => {
      await client.dispose();
      const opened = await Promise.allSettled([...channels]);
      channels.clear();
      for (const outcome of opened) if (outcome.status === 'fulfilled') outcome.value.close();
    },
  };
}
