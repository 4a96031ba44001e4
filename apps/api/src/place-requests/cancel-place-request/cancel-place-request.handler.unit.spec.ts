import { StreamStateCache } from '@passerelle/command-handling';
import {
  caseStream,
  placeRequestStream,
  referralStream,
  type CaseEvent,
  type PlaceRequestEvent,
  type ReferralEvent,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { ASSO, CASE_ID, REFUGE, asso, clinic, consentGranted, contextOf, identified, refuge } from '../../testing/use-case.fixtures';
import {
  PLACE_REQUEST_ID,
  placedThrough,
  placeRequestMade,
  REFUGE_B,
  referralOfRequest,
  TO_REFUGE,
  TO_REFUGE_B,
} from '../../testing/place-request.fixtures';
import { CancelPlaceRequestCommand } from './cancel-place-request.command';
import { CancelPlaceRequestHandler } from './cancel-place-request.handler';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent | PlaceRequestEvent>();
const theRequest = placeRequestStream(PLACE_REQUEST_ID);
const herCase = existingStream(caseStream(CASE_ID), [
  identified(),
  consentGranted({ recipients: ['any_referral_recipient'], purposes: ['referral'] }),
]);
const declined: ReferralEvent = {
  type: 'ReferralDeclined',
  data: { referralId: TO_REFUGE_B, by: REFUGE_B, reason: 'no_capacity', note: null },
};
const referrals = [
  existingStream<ReferralEvent>(referralStream(TO_REFUGE), [referralOfRequest(TO_REFUGE, REFUGE)]),
  existingStream<ReferralEvent>(referralStream(TO_REFUGE_B), [referralOfRequest(TO_REFUGE_B, REFUGE_B), declined]),
];
const handler = (store: EventStore) => {
  const cache = new StreamStateCache();
  return new CancelPlaceRequestHandler(store, cache, new PlaceRequestFollowUp(store, cache));
};
const cancel = (who = asso) => new CancelPlaceRequestCommand({ placeRequestId: PLACE_REQUEST_ID }, contextOf(who));

describe('cancel place request', () => {
  it('records the cancellation by its sender and withdraws every referral still waiting (cancelled), not the answered ones', () =>
    given(existingStream(theRequest, [placeRequestMade()]), herCase, ...referrals)
      .when((store) => handler(store).execute(cancel()))
      .then(
        expectNewEvents(theRequest, [{ type: 'PlaceRequestCancelled', data: { placeRequestId: PLACE_REQUEST_ID, by: ASSO } }]),
        expectNewEvents(referralStream(TO_REFUGE), [
          { type: 'ReferralWithdrawn', data: { referralId: TO_REFUGE, by: ASSO, reason: 'cancelled', note: null } },
        ]),
      ));

  it('refuses a recipient, and answers anyone else as if there were no request', async () => {
    await given(existingStream(theRequest, [placeRequestMade()]), herCase, ...referrals)
      .when((store) => handler(store).execute(cancel(refuge)))
      .thenThrows('PLACE_REQUEST.NOT_SENDER');
    await given(existingStream(theRequest, [placeRequestMade()]), herCase, ...referrals)
      .when((store) => handler(store).execute(cancel(clinic)))
      .thenThrows('PLACE_REQUEST.NOT_FOUND');
  });

  it('refuses once she was placed', () =>
    given(existingStream(theRequest, [placeRequestMade(), placedThrough(TO_REFUGE, REFUGE)]), herCase, ...referrals)
      .when((store) => handler(store).execute(cancel()))
      .thenThrows('PLACE_REQUEST.ALREADY_PLACED'));
});
