import { conflict, forbidden, notFound } from '../../shared/domain-error';
import { requirePartner } from '../../shared/actor.rules';
import { isStrictlyAfter } from '../../shared/time';
import type { AcceptPlacement } from '../place-request.commands';
import type { PlaceRequestPlaced } from '../place-request.events';
import type { PlaceRequestState } from '../place-request.state';

/**
 * A recipient accepts its referral of a place request. Decided on the place request's stream, so
 * that of several acceptances at the same instant exactly one is appended: the others find the
 * request placed when they are decided again, and are refused with PLACE_REQUEST.ALREADY_PLACED.
 *
 * The referral is checked first, as for any acceptance: an organisation that is neither party gets
 * "not found", the sender "not the receiver". A request whose respondBy has passed is expired even
 * before the scheduler records it.
 */
export function acceptPlacement({ data, metadata }: AcceptPlacement, state: PlaceRequestState): PlaceRequestPlaced[] {
  const partner = requirePartner(metadata.actor);
  const referral = data.referral;
  const party = referral.status !== 'none' && (referral.from === partner.organisationId || referral.to === partner.organisationId);
  if (!party || state.status === 'none' || referral.placeRequestId !== state.placeRequestId) {
    throw notFound('REFERRAL.NOT_FOUND', 'No such referral');
  }
  if (referral.to !== partner.organisationId) throw forbidden('REFERRAL.NOT_RECEIVER', 'Only the receiving organisation may do this');
  switch (state.status) {
    case 'placed':
      if (state.placedReferralId !== data.referralId) {
        throw conflict('PLACE_REQUEST.ALREADY_PLACED', 'She has already been placed by another organisation');
      }
      // Placed through this very referral: its acceptance is still to be recorded (a retry after a crash), or it is done.
      if (referral.status === 'referred') return [];
      throw conflict('REFERRAL.INVALID_TRANSITION', `The referral is ${referral.status}, not referred`, { from: referral.status });
    case 'expired':
      throw conflict('PLACE_REQUEST.EXPIRED', 'The place request expired before anyone accepted');
    case 'cancelled':
      throw conflict('PLACE_REQUEST.CANCELLED', 'The sender cancelled the place request');
    case 'open':
      break;
  }
  if (state.respondBy !== null && !isStrictlyAfter(state.respondBy, metadata.now)) {
    throw conflict('PLACE_REQUEST.EXPIRED', 'The place request expired: its respondBy has passed');
  }
  if (referral.status !== 'referred') {
    throw conflict('REFERRAL.INVALID_TRANSITION', `The referral is ${referral.status}, not referred`, { from: referral.status });
  }
  return [
    {
      type: 'PlaceRequestPlaced',
      data: { placeRequestId: state.placeRequestId, referralId: data.referralId, by: partner.organisationId, note: data.note },
    },
  ];
}
