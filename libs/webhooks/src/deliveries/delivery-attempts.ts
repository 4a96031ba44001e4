import type { Pool } from 'pg';

/** One attempt of a delivery as its endpoint's owner sees it: never the response body. */
export interface DeliveryAttempt {
  /** When the attempt started (ISO 8601). */
  at: string;
  /** The HTTP status the endpoint answered; absent when no answer came. */
  status?: number;
  /** Why no answer came (`ECONNREFUSED`, `timeout after 15000 ms`, `blocked: private address`); absent when one did. */
  error?: string;
  /** From the start of the attempt to the status line or the failure. */
  durationMs: number;
}

interface AttemptRow {
  attempted_at: Date;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
}
/** A delivery without attempts yet comes back as one row of nulls (the LEFT JOIN). */
type JoinedRow = { [K in keyof AttemptRow]: AttemptRow[K] | null };

/**
 * The per-attempt history of deliveries (table `webhook_delivery_attempts`, written by the
 * dispatcher with each batch of outcomes). Attempts older than the retention are never shown and
 * are purged by the dispatcher.
 */
export class DeliveryAttempts {
  constructor(
    private readonly pool: Pool,
    private readonly retentionMs: number,
  ) {}

  /** The attempts of one delivery, oldest first; null when the endpoint never had a delivery of that event. */
  async list(endpointId: string, eventId: string): Promise<DeliveryAttempt[] | null> {
    const { rows } = await this.pool.query<JoinedRow>(
      `SELECT a.attempted_at, a.response_status, a.error, a.duration_ms
       FROM webhook_deliveries d
       LEFT JOIN webhook_delivery_attempts a
         ON a.endpoint_id = d.endpoint_id AND a.event_id = d.event_id AND a.attempted_at >= now() - $3::bigint * interval '1 millisecond'
       WHERE d.endpoint_id = $1 AND d.event_id = $2
       ORDER BY a.attempted_at, a.id`,
      [endpointId, eventId, this.retentionMs],
    );
    if (rows.length === 0) return null;
    return rows.filter((row): row is AttemptRow => row.attempted_at !== null && row.duration_ms !== null).map(toAttempt);
  }

  /** Deletes attempts older than the retention; returns how many. */
  async purge(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM webhook_delivery_attempts WHERE attempted_at < now() - $1::bigint * interval '1 millisecond'`,
      [this.retentionMs],
    );
    return rowCount ?? 0;
  }
}

function toAttempt(row: AttemptRow): DeliveryAttempt {
  return {
    at: row.attempted_at.toISOString(),
    ...(row.response_status === null ? {} : { status: row.response_status }),
    ...(row.error === null ? {} : { error: row.error }),
    durationMs: row.duration_ms,
  };
}
