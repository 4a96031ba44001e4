import type { Pool } from 'pg';

/** A delivery this process claimed: it holds a lease on the row until it reports the outcome. */
export interface ClaimedDelivery {
  endpointId: string;
  eventId: string;
  url: string;
  payload: string;
  /** 1-based number of this attempt. */
  attempt: number;
}

export interface Completion {
  endpointId: string;
  eventId: string;
  status: 'delivered' | 'pending' | 'dead_lettered';
  /** Until the next attempt, when pending. */
  delayMs: number;
  responseCode: number | null;
  error: string | null;
  disableEndpoint: 'gone' | null;
  /** When the attempt started, and how long it took to the status line or the failure (its history, never the body). */
  attemptedAt: Date;
  durationMs: number;
}

/**
 * The outbox seen from the dispatcher. Claims are row locks with SKIP LOCKED plus a lease, so
 * several dispatcher processes share the work and a killed one's claims go back to pending when
 * their lease expires: at-least-once, never lost.
 */
export class DeliveryQueue {
  constructor(private readonly pool: Pool) {}

  /**
   * Claims due deliveries, per active endpoint at most its free slots (`perEndpoint` minus what is
   * in flight here), oldest due first. Endpoints are taken independently, so a hanging endpoint
   * with full slots never keeps another endpoint's deliveries waiting.
   */
  async claim(perEndpoint: number, busy: ReadonlyMap<string, number>, leaseMs: number): Promise<ClaimedDelivery[]> {
    // A named statement: each pooled connection plans it once, not at every claim.
    const { rows } = await this.pool.query<{ endpoint_id: string; event_id: string; url: string; payload: string; attempts: number }>({
      name: 'webhook-claim',
      text: `WITH slots AS (
         SELECT e.id, e.url, GREATEST($1::int - coalesce(b.busy, 0), 0) AS free
         FROM webhook_endpoints e LEFT JOIN unnest($2::uuid[], $3::int[]) AS b(id, busy) ON b.id = e.id
         WHERE e.status = 'active'
       ), picked AS (
         SELECT s.url, d.endpoint_id, d.event_id FROM slots s CROSS JOIN LATERAL (
           SELECT endpoint_id, event_id FROM webhook_deliveries
           WHERE endpoint_id = s.id AND status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at, global_position
           LIMIT s.free
           FOR UPDATE SKIP LOCKED
         ) d
         WHERE s.free > 0
       )
       UPDATE webhook_deliveries d
       SET status = 'delivering', attempts = d.attempts + 1, last_attempt_at = now(), lease_until = now() + $4::int * interval '1 millisecond'
       FROM picked p WHERE d.endpoint_id = p.endpoint_id AND d.event_id = p.event_id
       RETURNING d.endpoint_id, d.event_id, p.url, d.payload, d.attempts`,
      values: [perEndpoint, [...busy.keys()], [...busy.values()], leaseMs],
    });
    return rows.map((row) => ({
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      url: row.url,
      payload: row.payload,
      attempt: row.attempts,
    }));
  }

  /**
   * Records outcomes in one statement, then the endpoints' health: a success clears `failing_since`;
   * a failure starts it; 410, or failing for longer than `disableAfterMs`, disables the endpoint.
   * Rows no longer `delivering` (a replay reset them meanwhile) keep their new state.
   */
  async complete(completions: readonly Completion[], disableAfterMs: number): Promise<void> {
    if (completions.length === 0) return;
    const column = <T>(pick: (c: Completion) => T) => completions.map(pick);
    // Every attempt joins the delivery's history, even one whose row a replay reset meanwhile: it was made.
    await this.pool.query(
      `WITH r AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::timestamptz[], $8::int[])
           AS r(endpoint_id, event_id, status, delay_ms, code, error, attempted_at, duration_ms)
       ), history AS (
         INSERT INTO webhook_delivery_attempts (endpoint_id, event_id, attempted_at, response_status, error, duration_ms)
         SELECT endpoint_id, event_id, attempted_at, code, error, duration_ms FROM r
       )
       UPDATE webhook_deliveries d SET
         status = r.status, lease_until = NULL,
         next_attempt_at = CASE WHEN r.status = 'pending' THEN now() + r.delay_ms * interval '1 millisecond' ELSE d.next_attempt_at END,
         last_response_code = r.code, last_error = r.error,
         delivered_at = CASE WHEN r.status = 'delivered' THEN now() ELSE d.delivered_at END
       FROM r
       WHERE d.endpoint_id = r.endpoint_id AND d.event_id = r.event_id AND d.status = 'delivering'`,
      [
        column((c) => c.endpointId),
        column((c) => c.eventId),
        column((c) => c.status),
        column((c) => c.delayMs),
        column((c) => c.responseCode),
        column((c) => c.error),
        column((c) => c.attemptedAt.toISOString()),
        column((c) => c.durationMs),
      ],
    );
    const health = new Map<string, { succeeded: boolean; gone: boolean }>();
    for (const c of completions) {
      const seen = health.get(c.endpointId) ?? { succeeded: false, gone: false };
      health.set(c.endpointId, { succeeded: seen.succeeded || c.status === 'delivered', gone: seen.gone || c.disableEndpoint === 'gone' });
    }
    const judged = [...health];
    await this.pool.query(
      `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::bool[], $3::bool[]) AS r(id, succeeded, gone)),
       judged AS (
         SELECT e.id, r.succeeded, r.gone,
                NOT r.succeeded AND e.failing_since < now() - $4::bigint * interval '1 millisecond' AS failing_too_long
         FROM webhook_endpoints e JOIN r ON r.id = e.id WHERE e.status = 'active'
       )
       UPDATE webhook_endpoints e SET
         failing_since = CASE WHEN j.succeeded THEN NULL ELSE coalesce(e.failing_since, now()) END,
         status = CASE WHEN j.gone OR j.failing_too_long THEN 'disabled' ELSE e.status END,
         disabled_reason = CASE WHEN j.gone THEN 'gone' WHEN j.failing_too_long THEN 'failing' ELSE e.disabled_reason END,
         updated_at = now()
       FROM judged j
       WHERE e.id = j.id AND (j.gone OR j.failing_too_long OR (j.succeeded AND e.failing_since IS NOT NULL) OR (NOT j.succeeded AND e.failing_since IS NULL))`,
      [judged.map(([id]) => id), judged.map(([, h]) => h.succeeded), judged.map(([, h]) => h.gone), disableAfterMs],
    );
  }

  /** Gives back claims whose attempt was cut short by a stop: not counted, due again at once. */
  async release(deliveries: readonly { endpointId: string; eventId: string }[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.pool.query(
      `UPDATE webhook_deliveries d SET status = 'pending', lease_until = NULL, attempts = GREATEST(d.attempts - 1, 0), next_attempt_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS r(endpoint_id, event_id)
       WHERE d.endpoint_id = r.endpoint_id AND d.event_id = r.event_id AND d.status = 'delivering'`,
      [deliveries.map((d) => d.endpointId), deliveries.map((d) => d.eventId)],
    );
  }

  /** Claims whose process died (lease expired) go back to pending, due now. */
  async recoverExpiredLeases(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE webhook_deliveries SET status = 'pending', lease_until = NULL, next_attempt_at = now()
       WHERE status = 'delivering' AND lease_until < now()`,
    );
    return rowCount ?? 0;
  }
}
