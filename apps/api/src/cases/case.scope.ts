import type { ScopeOf } from '@passerelle/command-handling';
import { scopeForCaseEvent, type CaseEvent, type CaseState } from '@passerelle/domain';

/**
 * Who may see a case event, and which of her categories: the consent in force when it is written;
 * `referralReceivers` (referral-receivers.ts) are told of her erasure or of a withdrawal that concerns them.
 */
export const caseScope =
  (now: Date, referralReceivers: readonly string[] = []): ScopeOf<CaseState, CaseEvent> =>
  (event, before) =>
    scopeForCaseEvent(before, event, now, referralReceivers);
