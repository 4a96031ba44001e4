import type { ScopeOf } from '@passerelle/command-handling';
import { scopeForCaseEvent, type CaseEvent, type CaseState } from '@passerelle/domain';

/** Who may see a case event, and which of her categories: the consent in force when it is written. */
export const caseScope =
  (now: Date): ScopeOf<CaseState, CaseEvent> =>
  (event, before) =>
    scopeForCaseEvent(before, event, now);
