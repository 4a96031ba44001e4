import {
  actsForOrganisation,
  caseDecider,
  caseStream,
  notFound,
  type Actor,
  type CaseEvent,
  type CaseState,
  type ConsentGranted,
  type PersonIdentified,
} from '@passerelle/domain';
import type { EventStore, RecordedEvent } from '@passerelle/event-store';
import {
  receiptLanguageFor,
  RECEIPT_LOCALES,
  directionOf,
  type ReceiptLanguage,
  type ReceiptOrganisation,
  type SmsText,
} from '@passerelle/receipts';
import type { RegisteredOrganisations } from '../organisations/registered-organisations';

/** Her case stream as her receipt and her report read it: every event with its time, and the folded state. */
export interface HeldCase {
  state: Exclude<CaseState, { status: 'none' }>;
  events: (RecordedEvent & CaseEvent)[];
  safety: PersonIdentified['data']['safety'] | null;
}

/**
 * Her case, for the organisation holding it only: anyone else gets the 404 of a case that does not
 * exist, as for her case and its access log (apps/api/src/cases/get-access-log).
 */
export async function loadHeldCase(store: EventStore, caseId: string, actor: Actor): Promise<HeldCase> {
  const events = (await store.readStream(caseStream(caseId))) as (RecordedEvent & CaseEvent)[];
  const state = events.reduce(
    (s: CaseState, e) => caseDecider.evolve(s, { type: e.type, data: e.data } as CaseEvent),
    caseDecider.initialState(),
  );
  if (!actsForOrganisation(actor) || state.status === 'none' || state.holder !== actor.organisationId) {
    throw notFound('CASE.NOT_FOUND', 'No such case is visible to you.');
  }
  const first = events[0];
  return { state, events, safety: first?.type === 'PersonIdentified' ? first.data.safety : null };
}

/** The language asked for, or the one her latest consent was explained in. */
export function documentLanguage(asked: ReceiptLanguage | undefined, events: HeldCase['events']): ReceiptLanguage {
  if (asked) return asked;
  const consents = events.filter((e): e is RecordedEvent & ConsentGranted => e.type === 'ConsentGranted');
  return receiptLanguageFor(consents[consents.length - 1]?.data.language);
}

/** An organisation as the directory registered it: its name, and for the holder the contact she is told to call. */
export async function receiptOrganisation(organisations: RegisteredOrganisations, organisationId: string): Promise<ReceiptOrganisation> {
  const state = await organisations.get(organisationId);
  return state.status === 'registered'
    ? { organisationId, name: state.name, contact: state.contact }
    : { organisationId, name: organisationId, contact: null };
}

/**
 * The SMS, with whether her safety instructions allow sending it: someone may read her phone, so a
 * text goes only where she said a text or a call is safe.
 */
export function smsFor(sms: SmsText, safety: HeldCase['safety']) {
  const safeToSend = !!safety && !safety.doNotContact && (safety.safeChannel === 'sms' || safety.safeChannel === 'phone');
  return { ...sms, safeToSend, safety };
}

/** Language, direction and review status of the words: the console lays the page out from them. */
export const languageOf = (language: ReceiptLanguage) => ({
  language,
  direction: directionOf(language),
  review: RECEIPT_LOCALES[language].review,
});
