import { conflict, forbidden, notFound, unprocessable } from '../shared/domain-error';
import { requirePartner } from '../shared/actor.rules';
import { assertNever } from '../shared/exhaustive';
import { unique } from '../shared/time';
import type { CaseCommand, ErasePerson, GrantConsent, IdentifyPerson, WithdrawConsent } from './case.commands';
import type { CaseEvent, PersonIdentified } from './case.events';
import { initialCaseState, type CaseState } from './case.state';
import type { Decider } from '../shared/decider';
import { requireEraser, requireHeldOpenCase } from './rules/case-access.rule';
import { grantConsent } from './rules/consent-terms.rule';

/** Decides what a command on a `case-<uuid>` stream records; throws a DomainError to refuse it. */
export function decideCase(command: CaseCommand, state: CaseState): CaseEvent[] {
  switch (command.type) {
    case 'IdentifyPerson':
      return identifyPerson(command, state);
    case 'GrantConsent':
      return [grant(command, state)];
    case 'WithdrawConsent':
      return [withdraw(command, state)];
    case 'ErasePerson':
      return [erase(command, state)];
    default:
      return assertNever(command, 'case command');
  }
}

function identifyPerson({ data, metadata }: IdentifyPerson, state: CaseState): CaseEvent[] {
  const actor = requirePartner(metadata.actor);
  if (state.status !== 'none') throw conflict('CASE.ALREADY_EXISTS', 'This case already exists');
  // A formal identification opens protection rights (residence permit, reflection period): only the state decides it.
  if (data.level === 'formal' && actor.organisationKind !== 'authority') {
    throw forbidden('CASE.FORMAL_REQUIRES_AUTHORITY', 'Only an authority may record a formal identification');
  }
  if (data.level === 'presumed' && data.indicators.length === 0) {
    throw unprocessable('CASE.INDICATORS_REQUIRED', 'A presumed identification rests on at least one indicator');
  }
  // Coordination and research count by age band: a band her own birth date contradicts would put her in the wrong row.
  if (data.birthDateAgeBand !== null && data.ageBand !== 'unknown' && data.ageBand !== data.birthDateAgeBand) {
    throw unprocessable('CASE.AGE_BAND_MISMATCH', 'ageBand does not agree with person.birthDate', { field: 'ageBand' });
  }
  const identified: PersonIdentified = {
    type: 'PersonIdentified',
    data: {
      caseId: data.caseId,
      identifiedBy: actor.organisationId,
      identifierKind: actor.organisationKind,
      level: data.level,
      indicators: unique(data.indicators),
      department: data.department,
      ageBand: data.ageBand,
      safety: data.safety,
      personal: data.personal,
    },
  };
  if (data.consent === null) return [identified];
  const consent = grantConsent({
    caseId: data.caseId,
    terms: data.consent,
    unknownRecipients: data.unknownRecipients,
    recordedBy: actor.organisationId,
    existing: [],
    now: metadata.now,
  });
  return [identified, consent];
}

function grant({ data, metadata }: GrantConsent, state: CaseState): CaseEvent {
  const open = requireHeldOpenCase(state, metadata.actor);
  return grantConsent({
    caseId: data.caseId,
    terms: data.consent,
    unknownRecipients: data.unknownRecipients,
    recordedBy: open.holder,
    existing: open.consents,
    now: metadata.now,
  });
}

function withdraw({ data, metadata }: WithdrawConsent, state: CaseState): CaseEvent {
  const open = requireHeldOpenCase(state, metadata.actor);
  const consent = open.consents.find((candidate) => candidate.consentId === data.consentId);
  if (consent === undefined) throw notFound('CONSENT.NOT_FOUND', 'No such consent on this case');
  if (consent.withdrawn) throw conflict('CONSENT.ALREADY_WITHDRAWN', 'This consent is already withdrawn');
  return {
    type: 'ConsentWithdrawn',
    data: { caseId: data.caseId, consentId: data.consentId, reason: data.reason, by: open.holder },
  };
}

function erase({ data, metadata }: ErasePerson, state: CaseState): CaseEvent {
  const existing = requireEraser(state, metadata.actor);
  if (existing.status === 'erased') throw conflict('CASE.ALREADY_ERASED', 'This case is already erased');
  return { type: 'PersonErased', data: { caseId: data.caseId, requestedBy: metadata.actor.organisationId } };
}

/**
 * Folds one event into the case state. Events are facts already recorded, so one that does not fit
 * the current status (which decideCase never produces) leaves the state unchanged instead of throwing.
 */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'PersonIdentified': {
      if (state.status !== 'none') return state;
      const { caseId, identifiedBy: holder, identifierKind: holderKind, level, indicators, department } = event.data;
      return { status: 'open', caseId, holder, holderKind, level, indicators, department, consents: [] };
    }
    case 'ConsentGranted': {
      if (state.status !== 'open') return state;
      const { consentId, recipients, categories, purposes, expiresAt } = event.data;
      const consent = { consentId, recipients, categories, purposes, expiresAt, withdrawn: false };
      return { ...state, consents: [...state.consents, consent] };
    }
    case 'ConsentWithdrawn': {
      if (state.status !== 'open') return state;
      const consents = state.consents.map((consent) =>
        consent.consentId === event.data.consentId ? { ...consent, withdrawn: true } : consent,
      );
      return { ...state, consents };
    }
    case 'PersonErased':
      // Erasure drops the consents with the rest: nothing about her may be shared any more.
      return state.status === 'none' ? state : { status: 'erased', caseId: state.caseId, holder: state.holder };
    default:
      return assertNever(event, 'case event');
  }
}

/** The `case-<uuid>` stream as one decider. */
export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
