/**
 * True when the ISO-8601 instant is strictly later than `now`.
 * An unparsable instant counts as "not after", so a malformed deadline is rejected rather than
 * treated as "never expires" — failing closed matters for consent expiry.
 */
export function isStrictlyAfter(instant: string, now: Date): boolean {
  const time = Date.parse(instant);
  return Number.isFinite(time) && time > now.getTime();
}

/** Removes repeated values while keeping the first occurrence's order. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
