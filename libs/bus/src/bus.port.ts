/**
 * The bus port (docs/architecture.md#ports-and-adapters): the relay publishes integration events here for consumers outside the
 * request path. Two adapters: `inprocess` (embedded default) and `kafka` (production). Both pass
 * `testing/bus.contract.ts`.
 *
 * Guarantees every adapter gives:
 * - messages with the same key reach a group in the order they were published;
 * - at-least-once: a message is handed to a group until its handler resolves; a handler that
 *   throws gets the same message again before any later message of its key;
 * - a group skips a message id it has already handled (a bounded window of recent ids).
 *
 * WARNING: deduplication is best effort (a window, per process). A consumer whose effect must
 * happen once keeps its own idempotency, e.g. a primary key on the event id.
 */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

export interface BusMessage {
  /** Unique id of the message (the integration event's id): groups deduplicate on it. */
  id: string;
  /** Partition key (a referral, case or organisation id): one key's messages keep their order. */
  key: string;
  /** Any JSON value. Thin by contract: never personal data (docs/consent-and-privacy.md). */
  value: unknown;
}

export interface BusSubscriptionOptions {
  topic: string;
  /** Consumer group: every group receives every message; a group's subscribers share them. */
  group: string;
  /** Resolves once the message is processed; only then is it committed for the group. */
  handler: (message: BusMessage) => Promise<void>;
  /** For a group seen for the first time: start at the oldest retained message instead of the next one. */
  fromBeginning?: boolean;
}

export interface BusSubscription {
  /** Waits for the handler in flight, commits what was processed, and leaves the group. */
  stop(): Promise<void>;
}

export interface MessageBus {
  /** Resolves once every message is accepted by the bus (Kafka: written to all in-sync replicas). */
  publish(topic: string, messages: readonly BusMessage[]): Promise<void>;
  /** Resolves once the subscriber has joined its group. */
  subscribe(options: BusSubscriptionOptions): Promise<BusSubscription>;
  close(): Promise<void>;
}
