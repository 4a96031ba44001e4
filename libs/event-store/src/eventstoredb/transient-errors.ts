import { ErrorType } from '@eventstore/db-client';

/**
 * The client's errors that mean "the connection, not the request": the node went away or is
 * restarting (unavailable), the server cut a long call (cancelled), a call outlived its deadline,
 * or the node is a follower after a leader change (not leader). Only these are retried. Anything
 * else (access denied, an invalid position, an event that cannot be read, a bug) fails the same
 * way on every retry, so it goes to the subscriber's error path, where it is seen.
 */
const TRANSIENT: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.NOT_LEADER,
]);

/** The server ended a subscription without an error, as it does when it shuts down: reopened. */
export class SubscriptionEndedError extends Error {
  constructor() {
    super('EventStoreDB ended the subscription');
    this.name = 'SubscriptionEndedError';
  }
}

export function isTransient(error: unknown): boolean {
  if (error instanceof SubscriptionEndedError) return true;
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && TRANSIENT.has(type);
}
