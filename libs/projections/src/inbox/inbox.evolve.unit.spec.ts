import { evolveInboxCase } from './inbox-case.evolve';
import type { InboxCaseRow } from './inbox-case.entity';
import { evolveInboxReferral } from './inbox-referral.evolve';
import type { InboxReferralRow } from './inbox-referral.entity';
import type { InboxCaseEvent, InboxReferralEvent } from './inbox.events';
import {
  ASSO,
  LINKAGE_KEY,
  REFUGE,
  consentGranted,
  consentWithdrawn,
  personErased,
  legacyPersonIdentified,
  personIdentified,
  recorded,
  referralAccepted,
  referralClosed,
  referralDeclined,
  referralMade,
  referralWithdrawn,
} from '../testing/inbox-events.fixtures';

const CASE = '11111111-1111-4111-8111-111111111111';
const REFERRAL = '22222222-2222-4222-8222-222222222222';
const LATER = '2026-11-23T08:30:00.000Z';

/** given(history).when(event): the row after folding history then the event, as the projection would. */
function givenCase(...history: InboxCaseEvent[]) {
  const row = history.reduce<InboxCaseRow | null>(evolveInboxCase, null);
  return { row, when: (event: InboxCaseEvent) => evolveInboxCase(row, event) };
}
function givenReferral(...history: InboxReferralEvent[]) {
  const row = history.reduce<InboxReferralRow | null>(evolveInboxReferral, null);
  return { row, when: (event: InboxReferralEvent) => evolveInboxReferral(row, event) };
}

const identified = recorded(personIdentified(CASE), 1n);
const granted = recorded(consentGranted(CASE, 'consent-1'), 2n);
const made = recorded(referralMade(REFERRAL, CASE), 10n);

describe('inbox case evolver', () => {
  describe('when a person is identified', () => {
    it('creates the case with its holder, no consent, and her sealed personal fields', () => {
      expect(givenCase().when(identified)).toEqual({
        caseId: CASE,
        holder: ASSO,
        holderKind: 'ngo',
        level: 'presumed',
        indicators: ['trafficking_sexual'],
        department: '93',
        ageBand: '25-34',
        safety: { doNotContact: false, safeChannel: 'phone' },
        personalSealed: { identity: 'sealed:identity', contact: 'sealed:contact' },
        consents: [],
        erased: false,
        identifiedAt: new Date(identified.metadata.occurredAt),
        updatedAt: new Date(identified.metadata.occurredAt),
        lastPosition: 1n,
      });
    });

    it('never keeps the linkage key an old event still carries, which would let partners link identifications', () => {
      const row = givenCase().when(recorded(legacyPersonIdentified(CASE), 1n));
      expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).not.toContain(
        LINKAGE_KEY,
      );
    });
  });

  describe('when consent is granted', () => {
    it('adds an active consent with its recipients, categories, purposes and expiry', () => {
      const row = givenCase(identified).when(recorded(consentGranted(CASE, 'consent-1', { expiresAt: LATER }), 2n, LATER));
      expect(row?.consents).toEqual([
        {
          consentId: 'consent-1',
          recipients: [REFUGE],
          categories: ['identity', 'contact'],
          purposes: ['referral'],
          expiresAt: LATER,
          withdrawn: false,
        },
      ]);
      expect(row).toMatchObject({ updatedAt: new Date(LATER), lastPosition: 2n });
    });

    it('ignores a consent for a case it never saw identified', () => {
      expect(givenCase().when(granted)).toBeNull();
    });
  });

  describe('when consent is withdrawn', () => {
    it('marks only that consent withdrawn, so data shared under it is hidden at read time', () => {
      const other = recorded(consentGranted(CASE, 'consent-2'), 3n);
      const row = givenCase(identified, granted, other).when(recorded(consentWithdrawn(CASE, 'consent-1'), 4n));
      expect(row?.consents.map((consent) => [consent.consentId, consent.withdrawn])).toEqual([
        ['consent-1', true],
        ['consent-2', false],
      ]);
    });
  });

  describe('when the person is erased', () => {
    it('drops her sealed personal fields and marks the case erased', () => {
      const row = givenCase(identified, granted).when(recorded(personErased(CASE), 5n));
      expect(row).toMatchObject({ personalSealed: null, erased: true, lastPosition: 5n });
    });
  });

  describe('when an event is replayed', () => {
    it('returns the row unchanged for a position it already holds, so a consent is never listed twice', () => {
      const { row, when } = givenCase(identified, granted);
      expect(when(granted)).toBe(row);
      expect(when(identified)).toBe(row);
    });
  });

  it('never mutates the row it is given', () => {
    const { row, when } = givenCase(identified, granted);
    const before = structuredClone(row);
    when(recorded(consentWithdrawn(CASE, 'consent-1'), 3n));
    when(recorded(personErased(CASE), 4n));
    expect(row).toEqual(before);
  });
});

describe('inbox referral evolver', () => {
  describe('when a referral is made', () => {
    it('lists it as referred, ordered by the position of ReferralMade, with the message still sealed', () => {
      expect(givenReferral().when(made)).toEqual({
        referralId: REFERRAL,
        caseId: CASE,
        fromOrg: ASSO,
        toOrg: REFUGE,
        service: 'specialised_shelter',
        urgency: 'urgent',
        status: 'referred',
        sharedCategories: ['identity'],
        messageSealed: 'sealed:message',
        respondBy: new Date('2026-12-01T12:00:00.000Z'),
        declineReason: null,
        withdrawalReason: null,
        outcome: null,
        placeRequestId: null,
        otherRecipients: null,
        createdPosition: 10n,
        createdAt: new Date(made.metadata.occurredAt),
        updatedAt: new Date(made.metadata.occurredAt),
        lastPosition: 10n,
      });
    });

    it('keeps a referral without a deadline without one', () => {
      expect(givenReferral().when(recorded(referralMade(REFERRAL, CASE, { respondBy: null }), 10n))?.respondBy).toBeNull();
    });
  });

  describe('when the receiver accepts', () => {
    it('moves it to accepted and keeps its place in the inbox', () => {
      const row = givenReferral(made).when(recorded(referralAccepted(REFERRAL), 11n, LATER));
      expect(row).toMatchObject({ status: 'accepted', createdPosition: 10n, updatedAt: new Date(LATER), lastPosition: 11n });
    });
  });

  describe('when the receiver declines', () => {
    it('moves it to declined with the reason', () => {
      expect(givenReferral(made).when(recorded(referralDeclined(REFERRAL, 'safety'), 11n))).toMatchObject({
        status: 'declined',
        declineReason: 'safety',
      });
    });
  });

  describe('when the sender withdraws', () => {
    it('moves it to withdrawn, with its reason', () => {
      expect(givenReferral(made).when(recorded(referralWithdrawn(REFERRAL), 11n))).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: 'no_longer_needed',
      });
    });
  });

  describe('when either party closes', () => {
    it('moves it to closed with the outcome', () => {
      const accepted = recorded(referralAccepted(REFERRAL), 11n);
      expect(givenReferral(made, accepted).when(recorded(referralClosed(REFERRAL, 'redirected'), 12n))).toMatchObject({
        status: 'closed',
        outcome: 'redirected',
        lastPosition: 12n,
      });
    });
  });

  describe('when an event is replayed', () => {
    it('does not move a closed referral back to accepted', () => {
      const accepted = recorded(referralAccepted(REFERRAL), 11n);
      const { row, when } = givenReferral(made, accepted, recorded(referralClosed(REFERRAL), 12n));
      expect(when(accepted)).toBe(row);
      expect(when(made)).toBe(row);
    });
  });

  it('ignores a transition of a referral it never saw made', () => {
    expect(givenReferral().when(recorded(referralAccepted(REFERRAL), 11n))).toBeNull();
  });
});
