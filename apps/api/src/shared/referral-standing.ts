import {
  placeRequestDecider,
  placeRequestStream,
  referralDecider,
  referralStream,
  type PlaceRequestEvent,
  type ReferralEvent,
} from '@passerelle/domain';
import type { EventStore, RecordedEvent } from '@passerelle/event-store';
import { referralOpenToReceiver } from '@passerelle/projections';

const foldRequest = (events: RecordedEvent[]) =>
  events.reduce(
    (state, e) => placeRequestDecider.evolve(state, { type: e.type, data: e.data } as PlaceRequestEvent),
    placeRequestDecider.initialState(),
  );
const foldReferral = (events: RecordedEvent[]) =>
  events.reduce(
    (state, e) => referralDecider.evolve(state, { type: e.type, data: e.data } as ReferralEvent),
    referralDecider.initialState(),
  );

/**
 * Whether a referral still opens her data to its receiver, read from the streams so that it holds
 * the moment a decision is written: not once withdrawn, nor once its place request was placed
 * through another referral, expired or was cancelled (the rule of libs/projections/src/inbox/referral-standing.ts).
 */
export async function referralOpen(
  store: EventStore,
  referral: { referralId: string; status: string; placeRequestId: string | null },
): Promise<boolean> {
  if (referral.status === 'withdrawn') return false;
  if (referral.placeRequestId === null) return true;
  const request = foldRequest(await store.readStream(placeRequestStream(referral.placeRequestId)));
  if (request.status === 'none') return true;
  const placedReferralId = request.status === 'placed' ? request.placedReferralId : null;
  return referralOpenToReceiver(
    { referralId: referral.referralId, status: 'referred', placeRequestId: referral.placeRequestId },
    { status: request.status, placedReferralId },
  );
}

/** The same, for a referral known only by its id. */
export async function referralOpenById(store: EventStore, referralId: string): Promise<boolean> {
  const state = foldReferral(await store.readStream(referralStream(referralId)));
  if (state.status === 'none') return false;
  return referralOpen(store, state);
}
