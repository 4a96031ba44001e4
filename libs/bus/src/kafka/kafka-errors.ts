/**
 * The two answers of a broker that mean "this producer's sequence numbers no longer match": the
 * broker lost the producer's state (UNKNOWN_PRODUCER_ID, after its records expired) or saw a gap
 * (OUT_OF_ORDER_SEQUENCE_NUMBER, after a send that kafkajs gave up on had in fact been written).
 * kafkajs treats both as final and keeps its producer id and sequences, so every later send fails
 * the same way until the process restarts (kafkajs 2.2.4, producer/sendMessages.js). A new
 * producer gets a new id and starts its sequences again.
 */
const SEQUENCE_ERRORS: ReadonlySet<string> = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID']);

/** True when `error`, or an error it wraps (kafkajs wraps what its retrier gives up on), is one of them. */
export function isSequenceError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const { type, cause } = current as { type?: unknown; cause?: unknown };
    if (typeof type === 'string' && SEQUENCE_ERRORS.has(type)) return true;
    current = cause;
  }
  return false;
}

/** An error's name for logs and dead letters: never its message, which may quote a message or a broker's answer. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return typeof error;
}
