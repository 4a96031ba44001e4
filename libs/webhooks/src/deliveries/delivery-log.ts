import type { Pool } from 'pg';

export const DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'dead_lettered', 'cancelled'] as const;
/**
 * `pending`: waiting for its first or next attempt; `delivering`: claimed by a dispatcher, being sent;
 * `delivered`: a 2xx came back; `dead_lettered`: the last attempt of the schedule failed, or 410;
 * `cancelled`: the endpoint was deleted before it went out.
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRecord {
  eventId: string;
  type: string;
  globalPosition: string;
  status: DeliveryStatus;
  attempts: number;
  lastResponseCode: number | null;
  /** Why the last attempt got no HTTP answer (timeout, refused, blocked address); never a response body. */
  lastError: string | null;
  lastAttemptAt: string | null;
  /** When the next attempt is due; null unless pending. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

interface DeliveryRow {
  event_id: string;
  event_type: string;
  global_position: string;
  status: DeliveryStatus;
  attempts: number;
  last_response_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
}

export type WebhookAction = 'registered' | 'deleted' | 'secret_rotated' | 'replayed';

/** Something a person or a machine key did to an endpoint; `actor` is `person:<id>` or `key:<id>`. */
export interface WebhookActionRecord {
  action: WebhookAction;
  actor: string | null;
  at: string;
  detail: Record<string, unknown>;
}

/** The delivery log of one endpoint, newest event first, paginated by position, and who acted on the endpoint. */
export class DeliveryLog {
  constructor(private readonly pool: Pool) {}

  async recordAction(
    endpointId: string,
    organisationId: string,
    action: WebhookAction,
    actor: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.pool.query('INSERT INTO webhook_actions (endpoint_id, organisation_id, action, actor, detail) VALUES ($1, $2, $3, $4, $5)', [
      endpointId,
      organisationId,
      action,
      actor,
      JSON.stringify(detail),
    ]);
  }

  /** The latest actions on an endpoint, newest first. */
  async actions(endpointId: string, limit = 50): Promise<WebhookActionRecord[]> {
    const { rows } = await this.pool.query<{ action: WebhookAction; actor: string | null; at: Date; detail: Record<string, unknown> }>(
      'SELECT action, actor, at, detail FROM webhook_actions WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2',
      [endpointId, limit],
    );
    return rows.map((row) => ({ action: row.action, actor: row.actor, at: row.at.toISOString(), detail: row.detail }));
  }

  /** What one actor did to the organisation's endpoints, newest first (an org_admin's review of a person). */
  async actionsBy(organisationId: string, actor: string, limit: number): Promise<(WebhookActionRecord & { endpointId: string })[]> {
    const { rows } = await this.pool.query<{
      endpoint_id: string;
      action: WebhookAction;
      actor: string | null;
      at: Date;
      detail: Record<string, unknown>;
    }>(
      'SELECT endpoint_id, action, actor, at, detail FROM webhook_actions WHERE organisation_id = $1 AND actor = $2 ORDER BY id DESC LIMIT $3',
      [organisationId, actor, limit],
    );
    return rows.map((row) => ({
      endpointId: row.endpoint_id,
      action: row.action,
      actor: row.actor,
      at: row.at.toISOString(),
      detail: row.detail,
    }));
  }

  async list(
    endpointId: string,
    options: { status?: DeliveryStatus; before?: bigint; limit: number },
  ): Promise<{ items: DeliveryRecord[]; nextCursor: string | null }> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT event_id, event_type, global_position, status, attempts, last_response_code, last_error, last_attempt_at, next_attempt_at, delivered_at
       FROM webhook_deliveries
       WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR global_position < $3)
       ORDER BY global_position DESC LIMIT $4`,
      [endpointId, options.status ?? null, options.before?.toString() ?? null, options.limit + 1],
    );
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return { items: page.map(toRecord), nextCursor: rows.length > options.limit && last ? last.global_position : null };
  }
}

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    eventId: row.event_id,
    type: row.event_type,
    globalPosition: row.global_position,
    status: row.status,
    attempts: row.attempts,
    lastResponseCode: row.last_response_code,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}
