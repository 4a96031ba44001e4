import {
  caseStream, decideReferral, evolveReferral, initialReferralState, scopeForReferralEvent,
  type CaseState, type ReferralCommand, type ReferralEvent, type ReferralState,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { caseDecider } from '../cases/case.decider';
import { load, type Decider } from '../shared/event-sourcing';

export const referralDecider: Decider<ReferralCommand, ReferralState, ReferralEvent> = {
  decide: decideReferral,
  evolve: evolveReferral,
  initialState: initialReferralState,
};

/** Who may see a referral event and which of her categories: the two parties, within consent now. */
export const referralScope = (caseState: CaseState, now: Date) => (event: ReferralEvent, before: ReferralState) => {
  const parties = event.type === 'ReferralMade' ? event.data : before.status === 'none' ? null : before;
  return parties ? scopeForReferralEvent(caseState, parties, now) : {};
};

export async function loadCase(store: EventStore, caseId: string): Promise<CaseState> {
  return (await load(store, caseStream(caseId), caseDecider)).state;
}
