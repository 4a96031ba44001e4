import { DeciderSpecification } from '../../../testing/src/decider-specification';
import {
  ASSO,
  CASE_ID,
  CLINIC,
  REFERRAL_ID,
  REFUGE,
  admin,
  asso,
  by,
  clinic,
  fromNow,
  openCase,
  refuge,
  registered,
} from '../testing/domain.fixtures';
import { ANY_REFERRAL_RECIPIENT } from '../shared/vocabulary';
import type { Actor } from '../shared/metadata';
import type { ReferralCommand, MakeReferral } from './referral.commands';
import type { ReferralEvent, ReferralMade } from './referral.events';
import { referralDecider } from './referral.decider';

const spec = DeciderSpecification.for(referralDecider);

const refugeDirectory = registered(REFUGE, 'refuge', ['shelter', 'specialised_shelter']);
const consented = openCase({ consentId: 'c1', recipients: [REFUGE], categories: ['identity', 'contact'], purposes: ['referral'] });

const make = (who: Actor, data: Partial<MakeReferral['data']> = {}): MakeReferral => ({
  type: 'MakeReferral',
  data: {
    referralId: REFERRAL_ID,
    caseId: CASE_ID,
    to: REFUGE,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity', 'contact'],
    message: 'sealed:message',
    respondBy: fromNow(3600),
    case: consented,
    receiver: refugeDirectory,
    ...data,
  },
  metadata: by(who),
});
const referred = (data: Partial<ReferralMade['data']> = {}): ReferralMade => ({
  type: 'ReferralMade',
  data: {
    referralId: REFERRAL_ID,
    caseId: CASE_ID,
    from: ASSO,
    to: REFUGE,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity', 'contact'],
    message: 'sealed:message',
    respondBy: fromNow(3600),
    ...data,
  },
});

const note = 'sealed:note';
const accept = (who: Actor): ReferralCommand => ({ type: 'AcceptReferral', data: { referralId: REFERRAL_ID, note }, metadata: by(who) });
const decline = (who: Actor): ReferralCommand => ({
  type: 'DeclineReferral',
  data: { referralId: REFERRAL_ID, reason: 'no_capacity', note },
  metadata: by(who),
});
const withdraw = (who: Actor): ReferralCommand => ({
  type: 'WithdrawReferral',
  data: { referralId: REFERRAL_ID, reason: 'no_longer_needed', note },
  metadata: by(who),
});
const close = (who: Actor): ReferralCommand => ({
  type: 'CloseReferral',
  data: { referralId: REFERRAL_ID, outcome: 'service_provided', note },
  metadata: by(who),
});
const accepted = (who = REFUGE): ReferralEvent => ({ type: 'ReferralAccepted', data: { referralId: REFERRAL_ID, by: who, note } });
const declined = (who = REFUGE): ReferralEvent => ({
  type: 'ReferralDeclined',
  data: { referralId: REFERRAL_ID, by: who, reason: 'no_capacity', note },
});
const withdrawn = (who = ASSO): ReferralEvent => ({
  type: 'ReferralWithdrawn',
  data: { referralId: REFERRAL_ID, by: who, reason: 'no_longer_needed', note },
});
const closed = (who: string): ReferralEvent => ({
  type: 'ReferralClosed',
  data: { referralId: REFERRAL_ID, by: who, outcome: 'service_provided', note },
});

describe('referral decider', () => {
  describe('when not referred yet', () => {
    const given = spec.given([]);

    it('records the referral from the holder of the case', () => {
      given.when(make(asso)).then(referred());
    });

    it('allows sharing no category at all, and no response deadline', () => {
      given.when(make(asso, { sharedCategories: [], respondBy: null })).then(referred({ sharedCategories: [], respondBy: null }));
    });

    it('accepts a consent given to any referral recipient', () => {
      const anyone = openCase({ consentId: 'c1', recipients: [ANY_REFERRAL_RECIPIENT], purposes: ['referral'] });
      given.when(make(asso, { case: anyone })).then(referred());
    });

    it('rejects a referral made by a key that does not act as a partner', () => {
      given.when(make(admin)).thenThrows('AUTH.PARTNER_ONLY');
    });

    it('answers the same to a partner that does not hold the case as for a case that does not exist', () => {
      given.when(make(asso, { case: { status: 'none' } })).thenThrows('REFERRAL.CASE_NOT_FOUND');
      given.when(make(clinic)).thenThrows('REFERRAL.CASE_NOT_FOUND');
      given.when(make(clinic, { case: { status: 'erased', caseId: CASE_ID, holder: ASSO } })).thenThrows('REFERRAL.CASE_NOT_FOUND');
    });

    it('tells the holder that an erased case cannot be referred', () => {
      given.when(make(asso, { case: { status: 'erased', caseId: CASE_ID, holder: ASSO } })).thenThrows('CASE.ERASED');
    });

    it('rejects a receiver that is not registered', () => {
      given
        .when(make(asso, { receiver: { status: 'none', members: {}, invitations: {}, keys: {} } }))
        .thenThrows('REFERRAL.UNKNOWN_RECEIVER');
    });

    it('rejects a referral to oneself', () => {
      given.when(make(asso, { to: ASSO, receiver: registered(ASSO, 'ngo', ['legal']) })).thenThrows('REFERRAL.SELF_REFERRAL');
    });

    it('rejects a service the receiver does not offer', () => {
      given
        .when(make(asso, { service: 'medical' }))
        .thenThrows('REFERRAL.SERVICE_NOT_OFFERED', (error) =>
          expect(error.details).toEqual({ service: 'medical', offered: ['shelter', 'specialised_shelter'] }),
        );
    });

    it('rejects a response deadline that is not in the future', () => {
      given.when(make(asso, { respondBy: fromNow(0) })).thenThrows('REFERRAL.RESPOND_BY_IN_PAST');
    });

    it('rejects sharing a category her consent does not cover, naming it', () => {
      given.when(make(asso, { sharedCategories: ['identity', 'health'] })).thenThrows('REFERRAL.CONSENT_MISSING', (error) => {
        expect(error.kind).toBe('unprocessable');
        expect(error.details).toEqual({ recipientCovered: true, missingCategories: ['health'] });
        expect(error.message).toContain('health');
      });
    });

    it('rejects a receiver her consent does not name, saying so without repeating its id', () => {
      const forClinic = openCase({ consentId: 'c1', recipients: [CLINIC] });
      given.when(make(asso, { case: forClinic, sharedCategories: [] })).thenThrows('REFERRAL.CONSENT_MISSING', (error) => {
        expect(error.details).toEqual({ recipientCovered: false, missingCategories: [] });
        expect(error.message).toContain('no active referral consent names the receiver');
        expect(error.message).not.toContain(REFUGE);
      });
    });

    it('rejects a referral once her consent was withdrawn or has expired', () => {
      const gone = openCase({ consentId: 'c1', withdrawn: true }, { consentId: 'c2', expiresAt: fromNow(0) });
      given.when(make(asso, { case: gone })).thenThrows('REFERRAL.CONSENT_MISSING');
    });

    it.each([
      ['acceptance', accept(refuge)],
      ['decline', decline(refuge)],
      ['withdrawal', withdraw(asso)],
      ['closure', close(asso)],
    ])('answers "referral not found" to %s', (_name, command) => {
      given.when(command).thenThrows('REFERRAL.NOT_FOUND', (error) => expect(error.kind).toBe('not_found'));
    });
  });

  describe('when referred', () => {
    const given = spec.given([referred()]);

    it('rejects making it again', () => {
      given.when(make(asso)).thenThrows('REFERRAL.ALREADY_EXISTS');
    });

    it('records acceptance by the receiver', () => {
      given.when(accept(refuge)).then(accepted());
    });

    it('records a decline by the receiver, with its reason', () => {
      given.when(decline(refuge)).then(declined());
    });

    it('records withdrawal by the sender', () => {
      given.when(withdraw(asso)).then(withdrawn());
    });

    it('rejects acceptance or decline by anyone but the receiver', () => {
      given.when(accept(asso)).thenThrows('REFERRAL.NOT_RECEIVER', (error) => expect(error.kind).toBe('forbidden'));
      given.when(decline(asso)).thenThrows('REFERRAL.NOT_RECEIVER');
    });

    it('rejects withdrawal by anyone but the sender', () => {
      given.when(withdraw(refuge)).thenThrows('REFERRAL.NOT_SENDER', (error) => expect(error.kind).toBe('forbidden'));
    });

    it('never reveals the referral to an organisation that is neither party', () => {
      for (const command of [accept(clinic), decline(clinic), withdraw(clinic), close(clinic)]) {
        given.when(command).thenThrows('REFERRAL.NOT_FOUND');
      }
    });

    it('rejects closure before acceptance', () => {
      given.when(close(asso)).thenThrows('REFERRAL.INVALID_TRANSITION', (error) => expect(error.details).toEqual({ from: 'referred' }));
    });

    it('rejects any move by a key that does not act as a partner', () => {
      given.when(accept(admin)).thenThrows('AUTH.PARTNER_ONLY');
    });
  });

  describe('when accepted', () => {
    const given = spec.given([referred(), accepted()]);

    it('records closure by either party', () => {
      given.when(close(asso)).then(closed(ASSO));
      given.when(close(refuge)).then(closed(REFUGE));
    });

    it('rejects accepting, declining or withdrawing it again', () => {
      given.when(accept(refuge)).thenThrows('REFERRAL.INVALID_TRANSITION', (error) => {
        expect(error.kind).toBe('conflict');
        expect(error.details).toEqual({ from: 'accepted' });
      });
      given.when(decline(refuge)).thenThrows('REFERRAL.INVALID_TRANSITION');
      given.when(withdraw(asso)).thenThrows('REFERRAL.INVALID_TRANSITION');
    });

    it('never reveals the referral to an organisation that is neither party', () => {
      given.when(close(clinic)).thenThrows('REFERRAL.NOT_FOUND');
    });
  });

  describe.each([
    ['declined', [referred(), declined()]],
    ['withdrawn', [referred(), withdrawn()]],
    ['closed', [referred(), accepted(), closed(REFUGE)]],
  ] as const)('when %s', (status, history) => {
    const given = spec.given([...history]);

    it('is final: every move is an invalid transition', () => {
      for (const command of [accept(refuge), decline(refuge), withdraw(asso), close(asso), close(refuge)]) {
        given.when(command).thenThrows('REFERRAL.INVALID_TRANSITION', (error) => expect(error.details).toEqual({ from: status }));
      }
    });

    it('still never reveals it to an organisation that is neither party', () => {
      given.when(close(clinic)).thenThrows('REFERRAL.NOT_FOUND');
    });
  });

  describe('evolve', () => {
    it('keeps the parties through every transition', () => {
      const state = [referred(), accepted(), closed(ASSO)].reduce(
        (folded, event) => referralDecider.evolve(folded, event),
        referralDecider.initialState(),
      );
      expect(state).toEqual({
        status: 'closed',
        referralId: REFERRAL_ID,
        caseId: CASE_ID,
        from: ASSO,
        to: REFUGE,
        service: 'specialised_shelter',
        sharedCategories: ['identity', 'contact'],
        placeRequestId: null,
      });
    });
  });

  describe('when one of a place request’s referrals', () => {
    const PLACE_REQUEST_ID = '7f1d2c3a-0000-4000-8000-0000000000bb';
    const request = {
      placeRequestId: PLACE_REQUEST_ID,
      caseId: CASE_ID,
      from: ASSO,
      recipients: [
        { organisationId: REFUGE, referralId: REFERRAL_ID },
        { organisationId: CLINIC, referralId: 'other' },
      ],
      service: 'specialised_shelter' as const,
      urgency: 'urgent' as const,
      sharedCategories: ['identity' as const],
      message: 'sealed:message',
      respondBy: null,
    };
    const inRequest = referred({
      sharedCategories: ['identity'],
      message: 'sealed:message',
      respondBy: null,
      placeRequest: { placeRequestId: PLACE_REQUEST_ID, recipients: 2 },
    });
    const followUp = { now: new Date() };
    const makeFor: ReferralCommand = {
      type: 'MakeReferralForPlaceRequest',
      data: { referralId: REFERRAL_ID, request },
      metadata: followUp,
    };
    const complete: ReferralCommand = {
      type: 'CompletePlacement',
      data: { referralId: REFERRAL_ID, placeRequestId: PLACE_REQUEST_ID, by: REFUGE, note },
      metadata: followUp,
    };
    const withdrawFor: ReferralCommand = {
      type: 'WithdrawForPlaceRequest',
      data: { referralId: REFERRAL_ID, placeRequestId: PLACE_REQUEST_ID, reason: 'placed_elsewhere' },
      metadata: followUp,
    };

    it('is made from the request, telling the receiver how many organisations were asked, once', () => {
      spec.given([]).when(makeFor).then(inRequest);
      spec.given([inRequest]).when(makeFor).thenNothingHappened();
    });

    it('is accepted when the request was placed through it, once', () => {
      spec.given([inRequest]).when(complete).then(accepted());
      spec.given([inRequest, accepted()]).when(complete).thenNothingHappened();
    });

    it('is withdrawn on the sender’s behalf when the request ends otherwise, unless it was already answered', () => {
      spec
        .given([inRequest])
        .when(withdrawFor)
        .then({ type: 'ReferralWithdrawn', data: { referralId: REFERRAL_ID, by: ASSO, reason: 'placed_elsewhere', note: null } });
      spec.given([inRequest, declined()]).when(withdrawFor).thenNothingHappened();
    });

    it('follows only its own request', () => {
      spec.given([referred()]).when(withdrawFor).thenNothingHappened();
      spec.given([referred()]).when(complete).thenNothingHappened();
    });

    it('can be neither declined nor withdrawn once the request was placed through it', () => {
      const placedThrough = REFERRAL_ID;
      const declining: ReferralCommand = {
        type: 'DeclineReferral',
        data: { referralId: REFERRAL_ID, reason: 'no_capacity', note, placedThrough },
        metadata: by(refuge),
      };
      const withdrawing: ReferralCommand = {
        type: 'WithdrawReferral',
        data: { referralId: REFERRAL_ID, reason: 'other', note, placedThrough },
        metadata: by(asso),
      };
      spec.given([inRequest]).when(declining).thenThrows('PLACE_REQUEST.ALREADY_PLACED');
      spec.given([inRequest]).when(withdrawing).thenThrows('PLACE_REQUEST.ALREADY_PLACED');
    });
  });
});
