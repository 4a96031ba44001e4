import {
  decideCase, evolveCase, initialCaseState, scopeForCaseEvent,
  type CaseCommand, type CaseEvent, type CaseState,
} from '@passerelle/domain';
import type { Decider } from '../shared/event-sourcing';

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};

export const caseScope = (now: Date) => (event: CaseEvent, before: CaseState) => scopeForCaseEvent(before, event, now);
