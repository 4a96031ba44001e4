import type { MessageBus } from '@passerelle/bus';
import {
  INTEGRATION_EVENTS_TOPIC,
  PUBLISHED_EVENT_TYPES,
  toPublication,
  type IntegrationMessage,
  type Publication,
} from '@passerelle/contracts';
import type { RecordedEvent } from '@passerelle/event-store';
import type { Projection } from '@passerelle/projections';

export const RELAY_CHECKPOINT = 'relay';

/**
 * The relay as a checkpointed subscription, so it survives a restart: each batch is published to the bus in
 * global order, then the runner moves the checkpoint (one statement: the relay writes nothing else
 * to the database). A crash after the publish and before the checkpoint publishes the batch again: at-least-once,
 * with the event id as message id so that consumers drop the repeat. One referral's (or case's)
 * events share a key, so the bus keeps their order.
 */
export function relayProjection(bus: MessageBus, topic: string = INTEGRATION_EVENTS_TOPIC): Projection {
  return {
    name: RELAY_CHECKPOINT,
    handles: PUBLISHED_EVENT_TYPES,
    writesToDatabase: false,
    async applyBatch(_manager, events: RecordedEvent[]): Promise<void> {
      const publications = events.map(toPublication).filter((p): p is Publication => p !== null);
      await bus.publish(
        topic,
        publications.map(({ event, key, audience }) => ({
          id: event.eventId,
          key,
          value: { event, audience } satisfies IntegrationMessage,
        })),
      );
    },
  };
}
