import fc from 'fast-check';
import type { CaseEvent, OrganisationEvent, PlaceRequestEvent, ReferralEvent } from '@passerelle/domain';
import { recorded } from './testing/recorded-events.fixtures';
import { toPublication } from './to-integration-event';
import { toWebhookPayload } from './webhook-payload';

/** Everything an integration event may carry: ids, type, positions, timestamps, organisation ids. */
const ALLOWED_FIELDS = new Set([
  'type',
  'eventId',
  'streamRevision',
  'globalPosition',
  'occurredAt',
  'referralId',
  'placeRequestId',
  'caseId',
  'organisationId',
  'consentId',
  'from',
  'to',
  'by',
  'identifiedBy',
  'recordedBy',
  'requestedBy',
  // A code from a closed list (a withdrawal's reason), never free text.
  'reason',
]);

/** A woman as a partner would type her in: capitalised names and a phone never look like an id. */
const person = fc.record({
  givenName: fc.stringMatching(/^[A-Z][a-zéï]{5,12}$/),
  familyName: fc.stringMatching(/^[A-Z][a-zéï]{5,12}$/),
  phone: fc.stringMatching(/^\+33[0-9]{9}$/),
  message: fc.stringMatching(/^[A-Z][a-z]{3,8} [a-z]{3,8} [a-z]{3,8}$/),
});
type Person = typeof person extends fc.Arbitrary<infer P> ? P : never;
const orgId = fc.constantFrom('asso-93', 'refuge-75', 'health-93', 'police-93');
const uuid = fc.uuid();

/**
 * Every internal event type, with her plaintext wherever an internal event has a personal or free
 * text field. Internal events hold ciphertext there; plaintext is the worst case for a leak.
 */
function internalEvents(p: Person): fc.Arbitrary<CaseEvent | ReferralEvent | PlaceRequestEvent | OrganisationEvent> {
  const sealed = JSON.stringify(p);
  const note = fc.constant(`${p.message} ${p.phone}`);
  return fc.oneof(
    fc.record({ caseId: uuid, identifiedBy: orgId }).map(({ caseId, identifiedBy }): CaseEvent => ({
      type: 'PersonIdentified',
      data: {
        caseId,
        identifiedBy,
        identifierKind: 'ngo',
        level: 'presumed',
        indicators: ['trafficking_sexual', 'pregnant'],
        department: '93',
        ageBand: '25-34',
        safety: { doNotContact: true, safeChannel: 'phone' },
        // As events written before docs/adr/0011-linkage-keys-outside-the-events.md still carry it.
        ...({ linkageKey: `${p.familyName}|${p.givenName}` } as object),
        personal: { identity: sealed, contact: p.phone },
      },
    })),
    fc.record({ caseId: uuid, consentId: uuid, recipients: fc.array(orgId) }).map((d): CaseEvent => ({
      type: 'ConsentGranted',
      data: {
        ...d,
        categories: ['identity', 'health'],
        purposes: ['referral'],
        expiresAt: null,
        method: 'verbal',
        language: 'fr',
        recordedBy: 'asso-93',
      },
    })),
    fc.record({ caseId: uuid, consentId: uuid, reason: note, by: orgId }).map((data): CaseEvent => ({ type: 'ConsentWithdrawn', data })),
    fc.record({ caseId: uuid, requestedBy: orgId }).map((data): CaseEvent => ({ type: 'PersonErased', data })),
    fc.record({ referralId: uuid, caseId: uuid, from: orgId, to: orgId, message: note }).map((d): ReferralEvent => ({
      type: 'ReferralMade',
      data: { ...d, service: 'specialised_shelter', urgency: 'urgent', sharedCategories: ['identity', 'contact'], respondBy: null },
    })),
    fc.record({ referralId: uuid, by: orgId, note }).map((data): ReferralEvent => ({ type: 'ReferralAccepted', data })),
    fc
      .record({ referralId: uuid, by: orgId, note })
      .map((data): ReferralEvent => ({ type: 'ReferralDeclined', data: { ...data, reason: 'safety' } })),
    fc
      .record({ referralId: uuid, by: orgId, note })
      .map((data): ReferralEvent => ({ type: 'ReferralWithdrawn', data: { ...data, reason: 'other' } })),
    fc
      .record({ referralId: uuid, by: orgId, note })
      .map((data): ReferralEvent => ({ type: 'ReferralClosed', data: { ...data, outcome: 'other' } })),
    fc
      .record({
        placeRequestId: uuid,
        caseId: uuid,
        from: orgId,
        recipients: fc.array(fc.record({ organisationId: orgId, referralId: uuid })),
      })
      .map((d): PlaceRequestEvent => ({
        type: 'PlaceRequestMade',
        data: { ...d, service: 'specialised_shelter', urgency: 'urgent', sharedCategories: ['identity'], message: sealed, respondBy: null },
      })),
    fc
      .record({ placeRequestId: uuid, referralId: uuid, by: orgId, note })
      .map((data): PlaceRequestEvent => ({ type: 'PlaceRequestPlaced', data })),
    fc
      .record({ placeRequestId: uuid })
      .map((d): PlaceRequestEvent => ({ type: 'PlaceRequestExpired', data: { ...d, respondBy: '2026-12-01T22:00:00.000Z' } })),
    fc.record({ placeRequestId: uuid, by: orgId }).map((data): PlaceRequestEvent => ({ type: 'PlaceRequestCancelled', data })),
    orgId.map((organisationId): OrganisationEvent => ({
      type: 'OrganisationRegistered',
      data: { organisationId, name: p.familyName, kind: 'refuge', department: '75', services: ['shelter'] },
    })),
    orgId.map((organisationId): OrganisationEvent => ({
      type: 'CapacityDeclared',
      data: { organisationId, service: 'shelter', total: 12, available: 3 },
    })),
  );
}

describe('integration events never carry personal data', () => {
  it('for any generated network of events, no field but ids and positions leaves, and none of her values', () => {
    const network = person.chain((p) => fc.tuple(fc.constant(p), fc.array(internalEvents(p), { minLength: 1, maxLength: 30 })));
    fc.assert(
      fc.property(network, ([p, events]) => {
        events.forEach((event, index) => {
          const publication = toPublication(recorded(event, { position: BigInt(index), scope: { 'asso-93': ['identity', 'health'] } }));
          if (!publication) throw new Error(`${event.type} has no integration event`);
          for (const shape of [publication.event, toWebhookPayload(publication.event)]) {
            expect(Object.keys(shape).filter((field) => !ALLOWED_FIELDS.has(field))).toEqual([]);
            const text = JSON.stringify({ shape, key: publication.key, audience: publication.audience });
            for (const value of [p.givenName, p.familyName, p.phone, p.message, 'trafficking', 'pregnant', 'shelter', 'safety']) {
              expect(text).not.toContain(value);
            }
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
