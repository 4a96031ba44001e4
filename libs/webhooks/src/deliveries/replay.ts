import { toPublication, type Publication } from '@passerelle/contracts';
import type { EventStore } from '@passerelle/event-store';
import type { Pool } from 'pg';
import { OUTBOX_CHANNEL } from '../webhooks.schema';
import { ELIGIBLE_DELIVERIES, outboxParameters, toOutboxRows } from './outbox-rows';

export type ReplayStart = { fromPosition: bigint } | { since: Date };

export interface ReplayResult {
  queued: number;
  /** The last position the replay covered: the store's head when it started. */
  toPosition: string;
}

const PAGE = 1_000;

/**
 * Queues again, for one endpoint, every event from a position (inclusive) or a time up to the
 * store's current head that its organisation may see and it subscribes to, including events older
 * than the endpoint. Deliveries already in the log go back to pending with a fresh schedule; the
 * `webhook-id` stays the event id, so an idempotent receiver may skip what it already processed.
 * A replay also re-enables an endpoint that 410 or long failure had disabled: the partner asking
 * for its events again says its receiver is back.
 */
export class ReplayQueue {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
  ) {}

  async replay(endpointId: string, start: ReplayStart): Promise<ReplayResult> {
    await this.pool.query(
      `UPDATE webhook_endpoints SET status = 'active', disabled_reason = NULL, failing_since = NULL, updated_at = now()
       WHERE id = $1 AND status = 'disabled'`,
      [endpointId],
    );
    const head = await this.store.headPosition();
    let after = 'fromPosition' in start ? start.fromPosition - 1n : -1n;
    let queued = 0;
    while (after < head) {
      const events = await this.store.readAll({ after, maxCount: PAGE });
      const last = events[events.length - 1];
      if (!last) break;
      after = last.globalPosition;
      const publications = events
        .filter((event) => event.globalPosition <= head && ('since' in start ? new Date(event.metadata.occurredAt) >= start.since : true))
        .map(toPublication)
        .filter((p): p is Publication => p !== null);
      if (publications.length > 0) queued += await this.requeue(endpointId, publications);
    }
    if (queued > 0) await this.pool.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return { queued, toPosition: head.toString() };
  }

  private async requeue(endpointId: string, publications: Publication[]): Promise<number> {
    const { rowCount } = await this.pool.query(
      `WITH eligible AS (${ELIGIBLE_DELIVERIES})
       INSERT INTO webhook_deliveries (endpoint_id, event_id, global_position, event_type, payload)
       SELECT endpoint_id, event_id, position, type, payload FROM eligible WHERE endpoint_id = $9
       ON CONFLICT (endpoint_id, event_id) DO UPDATE SET
         status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL,
         last_response_code = NULL, last_error = NULL, delivered_at = NULL`,
      [...outboxParameters(toOutboxRows(publications)), endpointId],
    );
    return rowCount ?? 0;
  }
}
