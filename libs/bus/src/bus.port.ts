/**
 * The bus port (docs/architecture.md#ports-and-adapters): the relay publishes integration events here for consumers outside the
 * request path. Two adapters: `inprocess` (embedded default) and `kafka` (production). Both pass
 * `testing/bus.contract.ts`.
 *
 * Guarantees every adapter gives:
 * - messages with the same key reach a group in the order they were published;
 * - at-least-once: a message is handed to a group until its handler resolves; a handler that
 *   throws gets the same message again before any later message of its key;
 * - a message whose handler still fails after `maxAttempts` (or that cannot be decoded) is
 *   published to the dead-letter topic ({@link deadLetterTopicOf}) as a {@link DeadLetter}, and
 *   the group moves on to the next one: one poison message never blocks its key (or its partition)
 *   for good;
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
  /** Attempts of a message before it goes to the dead-letter topic. Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Where a group's poison messages go: `<topic>.dead-letter`, one for every group of the topic. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dead-letter`;
}

/**
 * The value of a message on a dead-letter topic (its id and key are the original message's). Says
 * which group gave up and why, by error name only: an error's text may quote the message.
 */
export interface DeadLetter {
  topic: string;
  group: string;
  /** `handler_failed`: still failing after `attempts`; `undecodable`: not JSON, or no message id. */
  reason: 'handler_failed' | 'undecodable';
  attempts: number;
  /** The last error's name (TypeError, …), or what could not be decoded. */
  error: string;
  /** The message as published, or null when it could not be decoded. */
  value: unknown;
  /** Where the original stays until retention, for a message that could not be decoded (Kafka). */
  partition?: number;
  offset?: string;
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
