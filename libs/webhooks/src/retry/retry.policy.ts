/** What one attempt gave: an HTTP status, or no answer at all (refused, timed out, blocked). */
export type AttemptResult = { kind: 'answered'; status: number; retryAfterMs: number | null } | { kind: 'failed'; error: string };

export type AttemptOutcome =
  { status: 'delivered' } | { status: 'pending'; delayMs: number } | { status: 'dead_lettered'; disableEndpoint: 'gone' | null };

/** Retry-After is capped: a receiver must not park a delivery for longer than our whole schedule. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * Decides what follows attempt number `attempt` (1-based) under `scheduleMs` (the delay before each
 * attempt; the first entry is the first attempt's). 2xx delivers; 410 Gone dead-letters and
 * disables the endpoint; anything else waits for the next step of the schedule with ±20 % jitter
 * (so that endpoints recovering together are not hit by every retry at once), or longer when the
 * receiver sent Retry-After; after the last step the delivery is dead-lettered.
 */
export function nextStep(
  result: AttemptResult,
  attempt: number,
  scheduleMs: readonly number[],
  random: () => number = Math.random,
): AttemptOutcome {
  if (result.kind === 'answered' && result.status >= 200 && result.status < 300) return { status: 'delivered' };
  if (result.kind === 'answered' && result.status === 410) return { status: 'dead_lettered', disableEndpoint: 'gone' };
  const planned = scheduleMs[attempt];
  if (planned === undefined) return { status: 'dead_lettered', disableEndpoint: null };
  const jittered = Math.round(planned * (0.8 + 0.4 * random()));
  const asked = result.kind === 'answered' && result.retryAfterMs !== null ? Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
  return { status: 'pending', delayMs: Math.max(jittered, asked) };
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
