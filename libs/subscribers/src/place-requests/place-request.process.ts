import { PLACE_REQUEST_EVENT_TYPES, type PlaceRequestEvent } from '@passerelle/domain';
import type { EventStore, RecordedEvent } from '@passerelle/event-store';
import type { Projection } from '@passerelle/projections';
import { PlaceRequestFollowUp } from './place-request-follow-up';

export const PLACE_REQUEST_PROCESS = 'place-request-process';

/**
 * The place requests' process manager, a checkpointed subscriber (libs/subscribers/src/subscribers.catalogue.ts):
 * - carries every decision of a place request to its referrals (place-request-follow-up.ts). The
 *   command that decided already did it right after its append; this is what completes it after a
 *   crash in between. The appends go to the event store, not through `manager`: a batch replayed
 *   after a crash appends the same event ids again, which the store takes as retries;
 * - keeps the deadlines of open requests, in its own transaction, for the expiry scheduler
 *   (place-request-expiry.ts).
 */
export function placeRequestProcess(store: EventStore): Projection {
  const followUp = new PlaceRequestFollowUp(store);
  return {
    name: PLACE_REQUEST_PROCESS,
    handles: PLACE_REQUEST_EVENT_TYPES,
    async applyBatch(manager, events: RecordedEvent[]): Promise<void> {
      for (const recorded of events) {
        await followUp.apply(recorded);
        const event = { type: recorded.type, data: recorded.data } as PlaceRequestEvent;
        if (event.type === 'PlaceRequestMade') {
          if (event.data.respondBy === null) continue;
          await manager.query(
            `INSERT INTO place_request_deadlines (place_request_id, respond_by) VALUES ($1, $2)
             ON CONFLICT (place_request_id) DO NOTHING`,
            [event.data.placeRequestId, event.data.respondBy],
          );
        } else {
          await manager.query('DELETE FROM place_request_deadlines WHERE place_request_id = $1', [event.data.placeRequestId]);
        }
      }
    },
  };
}
