import { evolveCase } from './case/case.decider';
import type { CaseEvent } from './case/case.events';
import type { CaseState, Consent } from './case/case.state';
import { activeConsents, visibleCategories } from './case/consent';
import { ANY_REFERRAL_RECIPIENT, CONSENT_CATEGORIES, CONSENT_PURPOSES } from './shared/vocabulary';
import type { ConsentCategory } from './shared/vocabulary';

/**
 * The `scope` written in every event's envelope (docs/architecture.md#event-envelope-and-scope): organisation id → the consent
 * categories of her personal data it may see with that event. An organisation absent from the
 * scope must not see the event at all; one present with `[]` sees the event but no personal data.
 * Scope is computed at write time and is an upper bound: read models also re-check consent at read
 * time, so a later withdrawal still hides what this scope once allowed.
 */
export type EventScope = Record<string, ConsentCategory[]>;

/**
 * Scope of an event of a case stream, given the state folded from every earlier event (including
 * earlier events of the same command: fold them first, or use {@link scopeCaseEvents}).
 * - the holder sees every category while the case is open;
 * - each organisation named in an active consent sees the union of its consented categories,
 *   whatever the purpose (the read side narrows by purpose);
 * - `any_referral_recipient` is not resolved here: receivers see case data through their referral's scope;
 * - after erasure nobody sees any category.
 * `referralReceivers` are the organisations her case was referred to, which the case stream does not
 * record: they may hold her data, so they are told of her erasure, and of the withdrawal of a consent
 * that named `any_referral_recipient`.
 */
export function scopeForCaseEvent(
  stateBefore: CaseState,
  event: CaseEvent,
  now: Date,
  referralReceivers: readonly string[] = [],
): EventScope {
  const after = evolveCase(stateBefore, event);
  if (after.status === 'none') return {};
  const scope: EventScope = {};
  // Recipients who may hold her data are told of a withdrawal or an erasure (GDPR art. 7(3), 17 and 19),
  // with no category: the event itself carries nothing about her.
  for (const organisationId of recipientsToNotify(stateBefore, event, referralReceivers)) scope[organisationId] = [];
  for (const organisationId of namedRecipients(after, now)) {
    scope[organisationId] = union(CONSENT_PURPOSES.map((purpose) => visibleCategories(after, now, organisationId, purpose)));
  }
  scope[after.holder] = visibleCategories(after, now, after.holder, 'referral');
  return scope;
}

/** Scopes for the events one command produced, each computed on the state folded up to it. */
export function scopeCaseEvents(stateBefore: CaseState, events: readonly CaseEvent[], now: Date): EventScope[] {
  const scopes: EventScope[] = [];
  let state = stateBefore;
  for (const event of events) {
    scopes.push(scopeForCaseEvent(state, event, now));
    state = evolveCase(state, event);
  }
  return scopes;
}

export interface ReferralParties {
  from: string;
  to: string;
  sharedCategories: readonly ConsentCategory[];
}

/**
 * Scope of any event of a referral stream, given the case as it stands now. Both parties always see
 * their referral; the holder of the case sees every category; the receiver sees the shared categories
 * that an active `referral` consent still covers for it (naming it, or `any_referral_recipient`).
 * Once she is erased, parties keep seeing the referral but no personal category.
 */
export function scopeForReferralEvent(caseState: CaseState, referral: ReferralParties, now: Date): EventScope {
  const scope: EventScope = {};
  for (const party of [referral.from, referral.to]) {
    const visible = visibleCategories(caseState, now, party, 'referral', party === referral.to);
    scope[party] = visible.filter((category) => referral.sharedCategories.includes(category));
  }
  if (caseState.status !== 'none') scope[caseState.holder] = visibleCategories(caseState, now, caseState.holder, 'referral');
  return scope;
}

function namedRecipients(state: CaseState, now: Date): string[] {
  const named = activeConsents(state, now).flatMap((consent) => consent.recipients);
  return [...new Set(named)].filter((recipient) => recipient !== ANY_REFERRAL_RECIPIENT);
}

/**
 * Who may hold her data that an event takes back. Her erasure: every organisation a consent ever named
 * (one withdrawn or expired since may still keep what it was given) and every receiver of her
 * referrals. A withdrawal: the organisations the consent named, its referral receivers if it named
 * `any_referral_recipient`.
 */
function recipientsToNotify(stateBefore: CaseState, event: CaseEvent, referralReceivers: readonly string[]): string[] {
  if (stateBefore.status !== 'open') return [];
  const named = (consents: readonly Consent[]) => consents.flatMap((consent) => consent.recipients);
  if (event.type === 'PersonErased') return [...named(stateBefore.consents), ...referralReceivers].filter(isOrganisation);
  if (event.type !== 'ConsentWithdrawn') return [];
  const withdrawn = named(stateBefore.consents.filter((consent) => consent.consentId === event.data.consentId));
  return [...withdrawn, ...(withdrawn.includes(ANY_REFERRAL_RECIPIENT) ? referralReceivers : [])].filter(isOrganisation);
}

const isOrganisation = (recipient: string) => recipient !== ANY_REFERRAL_RECIPIENT;

/** Union in the canonical order of CONSENT_CATEGORIES, so equal scopes serialise identically. */
function union(lists: ConsentCategory[][]): ConsentCategory[] {
  const all = new Set(lists.flat());
  return CONSENT_CATEGORIES.filter((category) => all.has(category));
}

/**
 * Scope of an event of a place-request stream: its sender only, with no category. The request
 * names every shelter asked; a recipient learns of it through its own referral (which says how many
 * others were asked, never who), so the request's own events never reach a recipient.
 */
export function scopeForPlaceRequestEvent(sender: string): EventScope {
  return { [sender]: [] };
}
