import type { Decider } from '../shared/decider';
import { conflict, forbidden, notFound } from '../shared/domain-error';
import { requirePartner } from '../shared/actor.rules';
import { assertNever } from '../shared/exhaustive';
import { isStrictlyAfter } from '../shared/time';
import type { CancelPlaceRequest, ExpirePlaceRequest, PlaceRequestCommand } from './place-request.commands';
import type { PlaceRequestEvent } from './place-request.events';
import { initialPlaceRequestState, type PlaceRequestState } from './place-request.state';
import { acceptPlacement } from './rules/accept-placement.rule';
import { makePlaceRequest } from './rules/make-place-request.rule';

/**
 * Decides what a command on a `place-request-<uuid>` stream records: open → placed (the first
 * acceptance) | expired (respondBy passed) | cancelled (by the sender), each final. Every referral
 * of the request follows these decisions (docs/adr/0012-place-requests.md).
 */
export function decidePlaceRequest(command: PlaceRequestCommand, state: PlaceRequestState): PlaceRequestEvent[] {
  switch (command.type) {
    case 'MakePlaceRequest':
      return [makePlaceRequest(command, state)];
    case 'AcceptPlacement':
      return acceptPlacement(command, state);
    case 'CancelPlaceRequest':
      return cancel(command, state);
    case 'ExpirePlaceRequest':
      return expire(command, state);
    default:
      return assertNever(command, 'place request command');
  }
}

/** Only the sender cancels; a recipient learns it may not, anyone else that there is no such request. */
function cancel({ metadata }: CancelPlaceRequest, state: PlaceRequestState): PlaceRequestEvent[] {
  const partner = requirePartner(metadata.actor);
  const isRecipient = state.status !== 'none' && state.recipients.some((r) => r.organisationId === partner.organisationId);
  if (state.status === 'none' || (state.from !== partner.organisationId && !isRecipient)) {
    throw notFound('PLACE_REQUEST.NOT_FOUND', 'No such place request');
  }
  if (state.from !== partner.organisationId) throw forbidden('PLACE_REQUEST.NOT_SENDER', 'Only the sender may cancel a place request');
  requireOpen(state, metadata.now);
  return [{ type: 'PlaceRequestCancelled', data: { placeRequestId: state.placeRequestId, by: partner.organisationId } }];
}

/** Records the expiry once respondBy has passed; nothing if the request is no longer open or not yet due. */
function expire({ metadata }: ExpirePlaceRequest, state: PlaceRequestState): PlaceRequestEvent[] {
  if (state.status !== 'open' || state.respondBy === null || isStrictlyAfter(state.respondBy, metadata.now)) return [];
  return [{ type: 'PlaceRequestExpired', data: { placeRequestId: state.placeRequestId, respondBy: state.respondBy } }];
}

function requireOpen(state: Exclude<PlaceRequestState, { status: 'none' }>, now: Date): void {
  if (state.status === 'placed') throw conflict('PLACE_REQUEST.ALREADY_PLACED', 'She has already been placed');
  if (state.status === 'cancelled') throw conflict('PLACE_REQUEST.CANCELLED', 'The place request was already cancelled');
  if (state.status === 'expired' || (state.respondBy !== null && !isStrictlyAfter(state.respondBy, now))) {
    throw conflict('PLACE_REQUEST.EXPIRED', 'The place request has expired');
  }
}

export function evolvePlaceRequest(state: PlaceRequestState, event: PlaceRequestEvent): PlaceRequestState {
  switch (event.type) {
    case 'PlaceRequestMade': {
      if (state.status !== 'none') return state;
      const { placeRequestId, caseId, from, recipients, service, respondBy } = event.data;
      return { status: 'open', placeRequestId, caseId, from, recipients, service, respondBy };
    }
    case 'PlaceRequestPlaced':
      return state.status === 'open'
        ? { ...state, status: 'placed', placedReferralId: event.data.referralId, placedBy: event.data.by }
        : state;
    case 'PlaceRequestExpired':
      return state.status === 'open' ? { ...state, status: 'expired' } : state;
    case 'PlaceRequestCancelled':
      return state.status === 'open' ? { ...state, status: 'cancelled' } : state;
    default:
      return assertNever(event, 'place request event');
  }
}

/** The `place-request-<uuid>` stream as one decider. */
export const placeRequestDecider: Decider<PlaceRequestState, PlaceRequestCommand, PlaceRequestEvent> = {
  decide: decidePlaceRequest,
  evolve: evolvePlaceRequest,
  initialState: initialPlaceRequestState,
};
