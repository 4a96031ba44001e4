import type { ScopeOf } from '@passerelle/command-handling';
import { scopeForReferralEvent, type CaseState, type ReferralEvent, type ReferralState } from '@passerelle/domain';

/** Who may see a referral event and which of her categories: the two parties, within her consent now. */
export const referralScope =
  (caseState: CaseState, now: Date): ScopeOf<ReferralState, ReferralEvent> =>
  (event, before) => {
    const parties = event.type === 'ReferralMade' ? event.data : before.status === 'none' ? null : before;
    return parties ? scopeForReferralEvent(caseState, parties, now) : {};
  };
