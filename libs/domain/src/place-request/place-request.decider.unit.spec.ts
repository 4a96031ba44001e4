import { DeciderSpecification } from '../../../testing/src/decider-specification';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFUGE,
  actor,
  admin,
  asso,
  by,
  clinic,
  fromNow,
  openCase,
  refuge,
  registered,
} from '../testing/domain.fixtures';
import type { ReferralState } from '../referral/referral.state';
import { ANY_REFERRAL_RECIPIENT } from '../shared/vocabulary';
import type { Actor } from '../shared/metadata';
import type { AcceptPlacement, MakePlaceRequest, PlaceRequestCommand } from './place-request.commands';
import type { PlaceRequestEvent, PlaceRequestMade } from './place-request.events';
import { placeRequestDecider } from './place-request.decider';

const spec = DeciderSpecification.for(placeRequestDecider);

const PLACE_REQUEST_ID = '7f1d2c3a-0000-4000-8000-0000000000bb';
const REFUGE_B = 'refuge-59';
const refugeB = actor(REFUGE_B, 'refuge');
const RECIPIENTS = [
  { organisationId: REFUGE, referralId: '7f1d2c3a-0000-4000-8000-0000000000a1' },
  { organisationId: REFUGE_B, referralId: '7f1d2c3a-0000-4000-8000-0000000000a2' },
];
const [toRefuge, toRefugeB] = RECIPIENTS.map((r) => r.referralId) as [string, string];
const shelters = {
  [REFUGE]: registered(REFUGE, 'refuge', ['specialised_shelter']),
  [REFUGE_B]: registered(REFUGE_B, 'refuge', ['specialised_shelter']),
};
const consented = openCase({
  consentId: 'c1',
  recipients: [ANY_REFERRAL_RECIPIENT],
  categories: ['identity', 'contact'],
  purposes: ['referral'],
});

const make = (who: Actor, data: Partial<MakePlaceRequest['data']> = {}): MakePlaceRequest => ({
  type: 'MakePlaceRequest',
  data: {
    placeRequestId: PLACE_REQUEST_ID,
    caseId: CASE_ID,
    recipients: RECIPIENTS,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity'],
    message: 'sealed:message',
    respondBy: fromNow(3600),
    case: consented,
    receivers: shelters,
    ...data,
  },
  metadata: by(who),
});
const made = (data: Partial<PlaceRequestMade['data']> = {}): PlaceRequestMade => ({
  type: 'PlaceRequestMade',
  data: {
    placeRequestId: PLACE_REQUEST_ID,
    caseId: CASE_ID,
    from: ASSO,
    recipients: RECIPIENTS,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity'],
    message: 'sealed:message',
    respondBy: fromNow(3600),
    ...data,
  },
});
/** The referral as its stream folds it: made to `to` by ASSO, for this request. */
const referral = (referralId: string, to: string, status: ReferralState['status'] = 'referred'): ReferralState =>
  status === 'none'
    ? { status }
    : {
        status,
        referralId,
        caseId: CASE_ID,
        from: ASSO,
        to,
        service: 'specialised_shelter',
        sharedCategories: ['identity'],
        placeRequestId: PLACE_REQUEST_ID,
      };
const accept = (
  who: Actor,
  referralId: string,
  to: string,
  options: { status?: ReferralState['status']; now?: Date } = {},
): AcceptPlacement => ({
  type: 'AcceptPlacement',
  data: { placeRequestId: PLACE_REQUEST_ID, referralId, note: null, referral: referral(referralId, to, options.status) },
  metadata: by(who, options.now),
});
const placed = (referralId = toRefuge, who = REFUGE): PlaceRequestEvent => ({
  type: 'PlaceRequestPlaced',
  data: { placeRequestId: PLACE_REQUEST_ID, referralId, by: who, note: null },
});
const cancel = (who: Actor): PlaceRequestCommand => ({
  type: 'CancelPlaceRequest',
  data: { placeRequestId: PLACE_REQUEST_ID },
  metadata: by(who),
});
const expire = (now: Date): PlaceRequestCommand => ({
  type: 'ExpirePlaceRequest',
  data: { placeRequestId: PLACE_REQUEST_ID },
  metadata: { now },
});
const cancelled: PlaceRequestEvent = { type: 'PlaceRequestCancelled', data: { placeRequestId: PLACE_REQUEST_ID, by: ASSO } };
const expired: PlaceRequestEvent = { type: 'PlaceRequestExpired', data: { placeRequestId: PLACE_REQUEST_ID, respondBy: fromNow(3600) } };
const later = new Date(NOW.getTime() + 3_600_000);

describe('place request decider', () => {
  describe('when no request was made yet', () => {
    const given = spec.given([]);

    it('records the request to every recipient, from the holder of her case', () => {
      given.when(make(asso)).then(made());
    });

    it('refuses the whole request when her consent leaves gaps, naming every recipient and category missing', () => {
      const refugeOnly = openCase({ consentId: 'c1', recipients: [REFUGE], categories: ['identity'], purposes: ['referral'] });
      given
        .when(make(asso, { case: refugeOnly, sharedCategories: ['identity', 'health'] }))
        .thenThrows('REFERRAL.CONSENT_MISSING', (error) => {
          expect(error.details).toEqual({
            gaps: [
              { recipient: REFUGE, recipientCovered: true, missingCategories: ['health'] },
              { recipient: REFUGE_B, recipientCovered: false, missingCategories: ['identity', 'health'] },
            ],
          });
          // The message names each by its place in `to`, never repeating what was sent; the details name the organisation.
          expect(error.message).toContain('to[0]');
          expect(error.message).toContain('to[1]');
          expect(error.message).toContain('health');
        });
    });

    it('refuses fewer than two or more than ten recipients, or one twice', () => {
      given.when(make(asso, { recipients: RECIPIENTS.slice(0, 1) })).thenThrows('PLACE_REQUEST.RECIPIENTS');
      const eleven = Array.from({ length: 11 }, (_, i) => ({ organisationId: `refuge-${i}`, referralId: `r${i}` }));
      given.when(make(asso, { recipients: eleven })).thenThrows('PLACE_REQUEST.RECIPIENTS');
      given
        .when(make(asso, { recipients: [RECIPIENTS[0]!, { ...RECIPIENTS[0]!, referralId: 'r' }] }))
        .thenThrows('PLACE_REQUEST.RECIPIENTS');
    });

    it('refuses a recipient that is not registered or does not offer the service, naming its place in the list', () => {
      given
        .when(make(asso, { receivers: { [REFUGE]: shelters[REFUGE] } }))
        .thenThrows('REFERRAL.UNKNOWN_RECEIVER', (error) => expect(error.details).toEqual({ field: 'to[1]' }));
      given
        .when(make(asso, { receivers: { ...shelters, [REFUGE_B]: registered(REFUGE_B, 'refuge', ['shelter']) } }))
        .thenThrows('REFERRAL.SERVICE_NOT_OFFERED', (error) => expect(error.details).toMatchObject({ field: 'to[1]' }));
    });

    it('answers a partner that does not hold her case as if there were none, and refuses a key that is not a partner', () => {
      given.when(make(clinic)).thenThrows('REFERRAL.CASE_NOT_FOUND');
      given.when(make(admin)).thenThrows('AUTH.PARTNER_ONLY');
    });

    it('refuses a response deadline that is not in the future', () => {
      given.when(make(asso, { respondBy: fromNow(0) })).thenThrows('REFERRAL.RESPOND_BY_IN_PAST');
    });
  });

  describe('when open', () => {
    const given = spec.given([made()]);

    it('is placed by the first acceptance, through that referral', () => {
      given.when(accept(refuge, toRefuge, REFUGE)).then(placed());
    });

    it('refuses acceptance by the sender, and answers anyone else as if there were no referral', () => {
      given.when(accept(asso, toRefuge, REFUGE)).thenThrows('REFERRAL.NOT_RECEIVER');
      given.when(accept(clinic, toRefuge, REFUGE)).thenThrows('REFERRAL.NOT_FOUND');
    });

    it('refuses acceptance of a referral its receiver already declined', () => {
      given.when(accept(refuge, toRefuge, REFUGE, { status: 'declined' })).thenThrows('REFERRAL.INVALID_TRANSITION');
    });

    it('refuses acceptance once respondBy has passed, even before the expiry is recorded', () => {
      given.when(accept(refuge, toRefuge, REFUGE, { now: later })).thenThrows('PLACE_REQUEST.EXPIRED');
    });

    it('is cancelled by its sender only; a recipient may not, anyone else learns nothing', () => {
      given.when(cancel(asso)).then(cancelled);
      given.when(cancel(refuge)).thenThrows('PLACE_REQUEST.NOT_SENDER');
      given.when(cancel(clinic)).thenThrows('PLACE_REQUEST.NOT_FOUND');
    });

    it('expires at respondBy, and not a second before', () => {
      given.when(expire(later)).then(expired);
      given.when(expire(new Date(later.getTime() - 1000))).thenNothingHappened();
    });
  });

  describe('when placed', () => {
    const given = spec.given([made(), placed()]);

    it('refuses every later acceptance with PLACE_REQUEST.ALREADY_PLACED', () => {
      given
        .when(accept(refugeB, toRefugeB, REFUGE_B))
        .thenThrows('PLACE_REQUEST.ALREADY_PLACED', (error) => expect(error.kind).toBe('conflict'));
    });

    it('records nothing again for the winner whose acceptance is still to follow, and refuses it once it did', () => {
      given.when(accept(refuge, toRefuge, REFUGE)).thenNothingHappened();
      given.when(accept(refuge, toRefuge, REFUGE, { status: 'accepted' })).thenThrows('REFERRAL.INVALID_TRANSITION');
    });

    it('can neither be cancelled nor expire', () => {
      given.when(cancel(asso)).thenThrows('PLACE_REQUEST.ALREADY_PLACED');
      given.when(expire(later)).thenNothingHappened();
    });
  });

  describe.each([
    ['expired', expired, 'PLACE_REQUEST.EXPIRED'],
    ['cancelled', cancelled, 'PLACE_REQUEST.CANCELLED'],
  ] as const)('when %s', (_status, ending, code) => {
    const given = spec.given([made(), ending]);

    it('refuses acceptance and cancellation', () => {
      given.when(accept(refuge, toRefuge, REFUGE)).thenThrows(code);
      given.when(cancel(asso)).thenThrows(code);
    });
  });

  describe('evolve', () => {
    it('keeps who was asked and through which referral she was placed', () => {
      const state = [made(), placed(toRefugeB, REFUGE_B)].reduce(
        (state, event) => placeRequestDecider.evolve(state, event),
        placeRequestDecider.initialState(),
      );
      expect(state).toMatchObject({
        status: 'placed',
        placedReferralId: toRefugeB,
        placedBy: REFUGE_B,
        recipients: RECIPIENTS,
        from: ASSO,
      });
    });
  });
});
