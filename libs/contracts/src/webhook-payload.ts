import type { IntegrationEvent, IntegrationEventType } from './integration-events';

/**
 * The body of every webhook (docs/webhooks.md#payload-reference), exactly these fields in this order: the subject is the
 * referral, the case or the organisation the event is about. Thin by design: never personal data.
 */
export type WebhookPayload = {
  type: IntegrationEventType;
  eventId: string;
  streamRevision: string;
  globalPosition: string;
  occurredAt: string;
} & ({ referralId: string } | { caseId: string } | { organisationId: string });

export function toWebhookPayload(event: IntegrationEvent): WebhookPayload {
  const subject =
    'referralId' in event
      ? { referralId: event.referralId }
      : 'caseId' in event
        ? { caseId: event.caseId }
        : { organisationId: event.organisationId };
  return {
    type: event.type,
    eventId: event.eventId,
    ...subject,
    streamRevision: event.streamRevision,
    globalPosition: event.globalPosition,
    occurredAt: event.occurredAt,
  };
}
