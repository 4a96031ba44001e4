import type { Audience } from './audience';
import type { IntegrationEvent } from './integration-events';

/** The bus topic the relay publishes every integration event to, keyed by referral, case or organisation id. */
export const INTEGRATION_EVENTS_TOPIC = 'passerelle.integration-events.v1';

/** The value of one bus message on {@link INTEGRATION_EVENTS_TOPIC}: the event and who may see it. */
export interface IntegrationMessage {
  event: IntegrationEvent;
  audience: Audience;
}
