import type { CaseEvent, OrganisationEvent, PlaceRequestEvent, ReferralEvent } from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';

/** Test-only: wraps a domain event in a recorded envelope with the given scope. */
export function recorded(
  event: CaseEvent | ReferralEvent | PlaceRequestEvent | OrganisationEvent,
  options: { position?: bigint; revision?: bigint; scope?: Record<string, string[]>; eventId?: string } = {},
): RecordedEvent {
  const subject =
    'placeRequestId' in event.data
      ? `place-request-${event.data.placeRequestId}`
      : 'referralId' in event.data
        ? `referral-${event.data.referralId}`
        : 'caseId' in event.data
          ? `case-${event.data.caseId}`
          : `organisation-${event.data.organisationId}`;
  return {
    eventId: options.eventId ?? '11111111-1111-4111-8111-111111111111',
    type: event.type,
    data: event.data,
    metadata: {
      schemaVersion: 1,
      occurredAt: '2026-11-22T10:00:00.000Z',
      actor: { organisationId: 'asso-93', role: 'partner', keyId: 'key-1' },
      correlationId: 'corr-1',
      causationId: null,
      scope: options.scope ?? {},
    },
    streamName: subject,
    streamRevision: options.revision ?? 0n,
    globalPosition: options.position ?? 41n,
    recordedAt: new Date('2026-11-22T10:00:00.000Z'),
  };
}
