import { randomUUID } from 'node:crypto';
import type {
  ClosureOutcome,
  ConsentGranted,
  ConsentWithdrawn,
  DeclineReason,
  PersonErased,
  PersonIdentified,
  ReferralAccepted,
  ReferralClosed,
  ReferralDeclined,
  ReferralMade,
  ReferralWithdrawn,
} from '@passerelle/domain';
import type { EventMetadata, NewEvent } from '@passerelle/event-store';
import type { Recorded } from '../inbox/inbox.events';

/** Test data for the projection specs (imported by specs only). */
export const ASSO = 'asso-93';
export const REFUGE = 'refuge-75';
export const CLINIC = 'clinic-13';
export const OCCURRED_AT = '2026-11-22T10:00:00.000Z';
/** A value that must never reach a partner-facing read model, nor any read model from an event. */
export const LINKAGE_KEY = 'linkage-hmac-never-in-the-inbox';

export const metadata = (occurredAt = OCCURRED_AT, organisationId = ASSO): EventMetadata => ({
  schemaVersion: 1,
  occurredAt,
  actor: { organisationId, role: 'partner', keyId: null },
  correlationId: randomUUID(),
  causationId: null,
  scope: {},
});

export const personIdentified = (caseId: string, data: Partial<PersonIdentified['data']> = {}): PersonIdentified => ({
  type: 'PersonIdentified',
  data: {
    caseId,
    identifiedBy: ASSO,
    identifierKind: 'ngo',
    level: 'presumed',
    indicators: ['trafficking_sexual'],
    department: '93',
    ageBand: '25-34',
    safety: { doNotContact: false, safeChannel: 'phone' },
    personal: { identity: 'sealed:identity', contact: 'sealed:contact' },
    ...data,
  },
});

/**
 * PersonIdentified as the events written before docs/adr/0011-linkage-keys-outside-the-events.md
 * hold it: with her linkage key inside, which readers must never copy from the event.
 */
export const legacyPersonIdentified = (caseId: string, linkageKey = LINKAGE_KEY, data: Partial<PersonIdentified['data']> = {}) => {
  const event = personIdentified(caseId, data);
  return { ...event, data: { ...event.data, linkageKey } } as PersonIdentified;
};

export const consentGranted = (caseId: string, consentId: string, data: Partial<ConsentGranted['data']> = {}): ConsentGranted => ({
  type: 'ConsentGranted',
  data: {
    caseId,
    consentId,
    recipients: [REFUGE],
    categories: ['identity', 'contact'],
    purposes: ['referral'],
    expiresAt: null,
    method: 'verbal',
    language: 'fr',
    recordedBy: ASSO,
    ...data,
  },
});

export const consentWithdrawn = (caseId: string, consentId: string): ConsentWithdrawn => ({
  type: 'ConsentWithdrawn',
  data: { caseId, consentId, reason: 'changed her mind', by: ASSO },
});

export const personErased = (caseId: string): PersonErased => ({ type: 'PersonErased', data: { caseId, requestedBy: ASSO } });

export const referralMade = (referralId: string, caseId: string, data: Partial<ReferralMade['data']> = {}): ReferralMade => ({
  type: 'ReferralMade',
  data: {
    referralId,
    caseId,
    from: ASSO,
    to: REFUGE,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity'],
    message: 'sealed:message',
    respondBy: '2026-12-01T12:00:00.000Z',
    ...data,
  },
});

export const referralAccepted = (referralId: string, by = REFUGE): ReferralAccepted => ({
  type: 'ReferralAccepted',
  data: { referralId, by, note: null },
});
export const referralDeclined = (referralId: string, reason: DeclineReason = 'no_capacity'): ReferralDeclined => ({
  type: 'ReferralDeclined',
  data: { referralId, by: REFUGE, reason, note: null },
});
export const referralWithdrawn = (referralId: string): ReferralWithdrawn => ({
  type: 'ReferralWithdrawn',
  data: { referralId, by: ASSO, reason: 'no_longer_needed', note: null },
});
export const referralClosed = (referralId: string, outcome: ClosureOutcome = 'service_provided'): ReferralClosed => ({
  type: 'ReferralClosed',
  data: { referralId, by: REFUGE, outcome, note: null },
});

type DomainEvent = { type: string; data: unknown };

/** The event as a store would deliver it at `position` (unit specs: no store). */
export function recorded<E extends DomainEvent>(event: E, position: bigint, occurredAt = OCCURRED_AT): Recorded<E> {
  const recordedEvent = {
    ...event,
    eventId: randomUUID(),
    metadata: metadata(occurredAt),
    streamName: 'test-stream',
    streamRevision: 0n,
    globalPosition: position,
    recordedAt: new Date(occurredAt),
  };
  return recordedEvent as unknown as Recorded<E>;
}

/** The event ready to append (int specs). */
export const toNew = (event: DomainEvent, occurredAt = OCCURRED_AT): NewEvent => ({
  eventId: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: metadata(occurredAt),
});
