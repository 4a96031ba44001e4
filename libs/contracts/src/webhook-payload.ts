import type { IntegrationEvent, IntegrationEventType, ReferralWithdrawnV1 } from './integration-events';

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

/** The one subject field of an event's webhook body, chosen as {@link toWebhookPayload} chooses it. */
type WebhookSubjectOf<Event> = 'placeRequestId' extends keyof Event
  ? 'placeRequestId'
  : 'referralId' extends keyof Event
    ? 'referralId'
    : 'caseId' extends keyof Event
      ? 'caseId'
      : 'organisationId';

/** The webhook body of one integration event type, exactly as {@link toWebhookPayload} writes it. */
export type WebhookPayloadOf<Event extends IntegrationEvent> = Event extends IntegrationEvent
  ? Pick<Event, Extract<'type' | 'eventId' | WebhookSubjectOf<Event> | 'streamRevision' | 'globalPosition' | 'occurredAt', keyof Event>> &
      (Event extends ReferralWithdrawnV1 ? { reason: string } : unknown)
  : never;

/**
 * Every webhook body, discriminated by `type` (what libs/sdk's verifyWebhook returns): narrowing on
 * `type` gives the subject field, e.g. `referralId` for `referral.made.v1`, `reason` for a withdrawal.
 */
export type WebhookEvent = WebhookPayloadOf<IntegrationEvent>;

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
