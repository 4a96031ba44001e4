import {
  ASSO,
  LINKAGE_KEY,
  REFUGE,
  consentGranted,
  consentWithdrawn,
  personErased,
  personIdentified,
  recorded,
  referralAccepted,
  referralClosed,
  referralDeclined,
  referralMade,
} from '../testing/inbox-events.fixtures';
import { NO_EXPIRY, type CoordinationCaseRow } from './coordination-case.entity';
import { evolveCoordinationCase } from './coordination-case.evolve';
import type { CoordinationReferralRow } from './coordination-referral.entity';
import { evolveCoordinationReferral } from './coordination-referral.evolve';
import { evolveCoordinationOrganisation } from './coordination-organisation.evolve';
import type { InboxCaseEvent } from '../inbox/inbox.events';
import type { CoordinationCaseEvent, CoordinationOrganisationEvent, CoordinationReferralEvent } from './coordination.events';

const CASE = '11111111-1111-4111-8111-111111111111';
const REFERRAL = '22222222-2222-4222-8222-222222222222';
const serialise = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

function givenCase(...history: CoordinationCaseEvent[]) {
  const row = history.reduce<CoordinationCaseRow | null>(evolveCoordinationCase, null);
  return { row, when: (event: CoordinationCaseEvent) => evolveCoordinationCase(row, event) };
}
const givenReferral = (...history: CoordinationReferralEvent[]) =>
  history.reduce<CoordinationReferralRow | null>(evolveCoordinationReferral, null);

/** A case event as the projection hands it to the evolver: with her linkage key from privacy_linkage_keys, or null. */
const linked = (event: InboxCaseEvent, linkageKey: string | null = null): CoordinationCaseEvent => ({ ...event, linkageKey });
const identified = linked(recorded(personIdentified(CASE), 1n, '2026-03-01T10:00:00.000Z'));
const coordination = (id: string, position: bigint, expiresAt: string | null = null) =>
  linked(recorded(consentGranted(CASE, id, { purposes: ['referral', 'coordination'], expiresAt }), position), LINKAGE_KEY);

describe('coordination case evolver', () => {
  describe('when a person is identified', () => {
    it('counts the identification with its organisation, indicators and date, and copies no personal field', () => {
      const row = givenCase().when(identified);
      expect(row).toMatchObject({
        caseId: CASE,
        identifiedBy: ASSO,
        identifierKind: 'ngo',
        indicators: ['trafficking_sexual'],
        department: '93',
        identifiedAt: new Date('2026-03-01T10:00:00.000Z'),
        linkageKey: null,
        coordinationUntil: null,
        erased: false,
      });
      expect(serialise(row)).not.toMatch(/sealed:/);
    });
  });

  describe('given her identification', () => {
    it('makes her linkable only through a consent naming the coordination purpose', () => {
      expect(
        givenCase(identified).when(linked(recorded(consentGranted(CASE, 'k1', { purposes: ['referral', 'research'] }), 2n)))
          ?.coordinationUntil,
      ).toBeNull();
      expect(givenCase(identified).when(coordination('k1', 2n))?.coordinationUntil).toEqual(NO_EXPIRY);
    });

    it('keeps her linkage key only from a consent naming coordination on: the view keeps only what it needs', () => {
      expect(givenCase(identified).row?.linkageKey).toBeNull();
      expect(givenCase(identified).when(coordination('k1', 2n))?.linkageKey).toBe(LINKAGE_KEY);
    });

    it('keeps her linkable until the latest expiry among her coordination consents', () => {
      const row = givenCase(identified, coordination('k1', 2n, '2026-06-01T00:00:00.000Z')).when(
        coordination('k2', 3n, '2026-09-01T00:00:00.000Z'),
      );
      expect(row?.coordinationUntil).toEqual(new Date('2026-09-01T00:00:00.000Z'));
    });

    it('stops linkage when her last coordination consent is withdrawn, not before', () => {
      const { row } = givenCase(identified, coordination('k1', 2n), coordination('k2', 3n, '2026-09-01T00:00:00.000Z'));
      const afterOne = evolveCoordinationCase(row, linked(recorded(consentWithdrawn(CASE, 'k1'), 4n)));
      expect(afterOne).toMatchObject({ coordinationUntil: new Date('2026-09-01T00:00:00.000Z'), linkageKey: LINKAGE_KEY });
      expect(evolveCoordinationCase(afterOne, linked(recorded(consentWithdrawn(CASE, 'k2'), 5n)))).toMatchObject({
        coordinationUntil: null,
        linkageKey: null,
      });
    });

    it('drops the linkage key on erasure but still counts that the identification happened', () => {
      const row = givenCase(identified, coordination('k1', 2n)).when(linked(recorded(personErased(CASE), 3n)));
      expect(row).toMatchObject({ caseId: CASE, erased: true, linkageKey: null, coordinationUntil: null });
      expect(serialise(row)).not.toContain(LINKAGE_KEY);
    });

    it('ignores an event it already holds, so a replay changes nothing', () => {
      const { row } = givenCase(identified, coordination('k1', 2n));
      expect(evolveCoordinationCase(row, linked(recorded(consentWithdrawn(CASE, 'k1'), 2n)))).toBe(row);
    });
  });
});

describe('coordination referral evolver', () => {
  const made = recorded(referralMade(REFERRAL, CASE), 10n, '2026-03-02T10:00:00.000Z');

  it('records when each step happened', () => {
    const row = givenReferral(
      made,
      recorded(referralAccepted(REFERRAL), 11n, '2026-03-03T10:00:00.000Z'),
      recorded(referralClosed(REFERRAL, 'service_provided'), 12n, '2026-03-20T10:00:00.000Z'),
    );
    expect(row).toMatchObject({
      fromOrg: ASSO,
      toOrg: REFUGE,
      status: 'closed',
      madeAt: new Date('2026-03-02T10:00:00.000Z'),
      acceptedAt: new Date('2026-03-03T10:00:00.000Z'),
      closedAt: new Date('2026-03-20T10:00:00.000Z'),
      outcome: 'service_provided',
      respondBy: new Date('2026-12-01T12:00:00.000Z'),
    });
    expect(serialise(row)).not.toContain('sealed:message');
  });

  it('keeps the decline reason', () => {
    expect(givenReferral(made, recorded(referralDeclined(REFERRAL, 'no_capacity'), 11n))).toMatchObject({
      status: 'declined',
      declineReason: 'no_capacity',
    });
  });
});

describe('coordination organisation evolver', () => {
  it('keeps the last declared capacity per service', () => {
    const registered = recorded(
      {
        type: 'OrganisationRegistered',
        data: { organisationId: REFUGE, name: 'Refuge', kind: 'refuge', department: '75', services: ['shelter'] },
      },
      1n,
    ) as CoordinationOrganisationEvent;
    const declared = (available: number, position: bigint) =>
      recorded(
        { type: 'CapacityDeclared', data: { organisationId: REFUGE, service: 'shelter', total: 10, available } },
        position,
      ) as CoordinationOrganisationEvent;
    const row = [registered, declared(4, 2n), declared(1, 3n)].reduce(evolveCoordinationOrganisation, null);
    expect(row).toMatchObject({ kind: 'refuge', department: '75', capacity: { shelter: { total: 10, available: 1 } } });
  });
});
