import { conflict, forbidden, notFound } from '../../shared/domain-error';
import { requirePartner } from '../../shared/actor.rules';
import type { Actor } from '../../shared/metadata';
import type { ReferralState } from '../referral.state';

type Existing = Exclude<ReferralState, { status: 'none' }>;
type Status = Existing['status'];
export type ReferralParty = 'sender' | 'receiver';

/**
 * Loads the referral for one of its parties and checks the transition.
 * Order matters: an organisation that is neither party gets "not found" before anything else, so it
 * learns neither that the referral exists nor its status; a party learns the status (it already
 * knows it) before being told it is the wrong party.
 */
export function requireTransition(
  state: ReferralState,
  actor: Actor,
  transition: { from: Status; allowed: readonly ReferralParty[] },
): Existing & { by: string } {
  const partner = requirePartner(actor);
  const party = state.status === 'none' ? null : partyOf(state, partner.organisationId);
  if (state.status === 'none' || party === null) throw notFound('REFERRAL.NOT_FOUND', 'No such referral');
  if (state.status !== transition.from) {
    throw conflict('REFERRAL.INVALID_TRANSITION', `The referral is ${state.status}, not ${transition.from}`, {
      from: state.status,
    });
  }
  if (!transition.allowed.includes(party)) {
    throw party === 'sender'
      ? forbidden('REFERRAL.NOT_RECEIVER', 'Only the receiving organisation may do this')
      : forbidden('REFERRAL.NOT_SENDER', 'Only the referring organisation may do this');
  }
  return { ...state, by: partner.organisationId };
}

function partyOf(state: Existing, organisationId: string): ReferralParty | null {
  if (state.from === organisationId) return 'sender';
  if (state.to === organisationId) return 'receiver';
  return null;
}
