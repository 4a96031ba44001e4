import type { ResubscribeOptions } from './resubscribing-subscription';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://host:2113?tls=false` or `kurrentdb+discover://…`: EVENTSTORE_CONNECTION_STRING. */
  connectionString: string;
  /**
   * Streams this store appends to and delivers from `$all` (server-side filter). Default
   * {@link PASSERELLE_STREAM_PREFIXES}. An append to any other stream is refused: no subscriber would see it.
   */
  streamPrefixes?: readonly string[];
  /**
   * Prepended to every stream name on the server, stripped on the way back. Default none. Lets the
   * contract suite (or several networks) share one server without seeing each other's events.
   */
  namespace?: string;
  /** How subscriptions reopen after a dropped connection (default 250 ms doubling to 5 s). */
  resubscribe?: ResubscribeOptions;
}
