import type { IntegrationEvent, IntegrationEventType } from './integration-events';

/**
 * The body of every webhook (docs/webhooks.md#payload-reference), exactly these fields in this order: the subject is the
 * place request, the referral, the case or the organisation the event is about. Thin by design: never personal data.
 * A withdrawal also says why, as a code (`reason`): a receiver told `placed_elsewhere` stops at once.
 */
export type WebhookPayload = {
  type: IntegrationEventType;
  eventId: string;
  streamRevision: string;
  globalPosition: string;
  occurredAt: string;
  reason?: string;
} & ({ placeRequestId: string } | { referralId: string } | { caseId: string } | { organisationId: string });

export function toWebhookPayload(event: IntegrationEvent): WebhookPayload {
  const subject =
    'placeRequestId' in event
      ? { placeRequestId: event.placeRequestId }
      : 'referralId' in event
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
    ...(event.type === 'referral.withdrawn.v1' ? { reason: event.reason } : {}),
  };
}
