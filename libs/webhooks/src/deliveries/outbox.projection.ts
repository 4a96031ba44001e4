import { PUBLISHED_EVENT_TYPES, toPublication, type Publication } from '@passerelle/contracts';
import type { RecordedEvent } from '@passerelle/event-store';
import { runPrepared, type Projection } from '@passerelle/projections';
import type { EntityManager } from 'typeorm';
import { OUTBOX_PROJECTION } from '../outbox-checkpoint';
import { OUTBOX_CHANNEL } from '../webhooks.schema';
import { ELIGIBLE_DELIVERIES, outboxParameters, toOutboxRows } from './outbox-rows';

/**
 * Fills the durable outbox from the event store: one row per (endpoint, event) the endpoint's
 * organisation may see (metadata.scope) and subscribed to. It runs under a ProjectionRunner, so the
 * rows and the checkpoint commit in one transaction: no event is lost or queued twice by a crash.
 * Endpoints only get events after the position they were registered at; older ones come by replay.
 */
export const outboxProjection: Projection = {
  name: OUTBOX_PROJECTION,
  handles: PUBLISHED_EVENT_TYPES,
  async applyBatch(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
    const publications = events.map(toPublication).filter((p): p is Publication => p !== null);
    if (publications.length === 0) return;
    // The notification is sent at commit, so the dispatcher wakes up when the rows are visible.
    // Prepared: planning this statement cost ten times its execution, once per batch.
    await runPrepared(
      manager,
      'webhook-outbox-queue',
      `WITH eligible AS (${ELIGIBLE_DELIVERIES}),
       queued AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id, global_position, event_type, payload)
         SELECT endpoint_id, event_id, position, type, payload FROM eligible
         WHERE position > after_position
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING 1
       )
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued`,
      outboxParameters(toOutboxRows(publications)),
    );
  },
};
