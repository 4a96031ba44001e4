import { conflict } from '../shared/domain-error';
import { assertNever } from '../shared/exhaustive';
import type { ReferralCommand } from './referral.commands';
import type { ReferralEvent } from './referral.events';
import { initialReferralState, type ReferralState } from './referral.state';
import type { Decider } from '../shared/decider';
import { makeReferral } from './rules/make-referral.rule';
import { completePlacement, makeReferralForPlaceRequest, withdrawForPlaceRequest } from './rules/place-request-referral.rule';
import { requireTransition } from './rules/referral-access.rule';

/**
 * Decides what a command on a `referral-<uuid>` stream records; throws a DomainError to refuse it.
 * referred → accepted | declined (receiver) | withdrawn (sender); accepted → closed (either party).
 * declined, withdrawn and closed are final: every command on them is an invalid transition.
 * The referrals of a place request also follow its decisions (place-request-referral.rule.ts).
 */
export function decideReferral(command: ReferralCommand, state: ReferralState): ReferralEvent[] {
  switch (command.type) {
    case 'MakeReferral':
      return [makeReferral(command, state)];
    case 'AcceptReferral': {
      const { by } = requireTransition(state, command.metadata.actor, { from: 'referred', allowed: ['receiver'] });
      return [{ type: 'ReferralAccepted', data: { referralId: command.data.referralId, by, note: command.data.note } }];
    }
    case 'DeclineReferral': {
      const { by } = requireTransition(state, command.metadata.actor, { from: 'referred', allowed: ['receiver'] });
      requireNotPlacedThrough(command.data);
      const { referralId, reason, note } = command.data;
      return [{ type: 'ReferralDeclined', data: { referralId, by, reason, note } }];
    }
    case 'WithdrawReferral': {
      const { by } = requireTransition(state, command.metadata.actor, { from: 'referred', allowed: ['sender'] });
      requireNotPlacedThrough(command.data);
      const { referralId, reason, note } = command.data;
      return [{ type: 'ReferralWithdrawn', data: { referralId, by, reason, note } }];
    }
    case 'CloseReferral': {
      const allowed = ['sender', 'receiver'] as const;
      const { by } = requireTransition(state, command.metadata.actor, { from: 'accepted', allowed });
      const { referralId, outcome, note } = command.data;
      return [{ type: 'ReferralClosed', data: { referralId, by, outcome, note } }];
    }
    case 'MakeReferralForPlaceRequest':
      return makeReferralForPlaceRequest(command, state);
    case 'CompletePlacement':
      return completePlacement(command, state);
    case 'WithdrawForPlaceRequest':
      return withdrawForPlaceRequest(command, state);
    default:
      return assertNever(command, 'referral command');
  }
}

/** The referral a place request was placed through is being accepted: nobody may decline or withdraw it meanwhile. */
function requireNotPlacedThrough(data: { referralId: string; placedThrough?: string | null }): void {
  if (data.placedThrough === data.referralId) {
    throw conflict('PLACE_REQUEST.ALREADY_PLACED', 'She was placed through this referral: it is being accepted');
  }
}

/** Folds one event into the referral state; an event that does not fit the current status is ignored. */
export function evolveReferral(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralMade': {
      if (state.status !== 'none') return state;
      const { referralId, caseId, from, to, service, sharedCategories, placeRequest } = event.data;
      return {
        status: 'referred',
        referralId,
        caseId,
        from,
        to,
        service,
        sharedCategories,
        placeRequestId: placeRequest?.placeRequestId ?? null,
      };
    }
    case 'ReferralAccepted':
      return state.status === 'referred' ? { ...state, status: 'accepted' } : state;
    case 'ReferralDeclined':
      return state.status === 'referred' ? { ...state, status: 'declined' } : state;
    case 'ReferralWithdrawn':
      return state.status === 'referred' ? { ...state, status: 'withdrawn' } : state;
    case 'ReferralClosed':
      return state.status === 'accepted' ? { ...state, status: 'closed' } : state;
    default:
      return assertNever(event, 'referral event');
  }
}

/** The `referral-<uuid>` stream as one decider. */
export const referralDecider: Decider<ReferralState, ReferralCommand, ReferralEvent> = {
  decide: decideReferral,
  evolve: evolveReferral,
  initialState: initialReferralState,
};
