import { isStrictlyAfter } from '../shared/time';
import { ANY_REFERRAL_RECIPIENT, CONSENT_CATEGORIES } from '../shared/vocabulary';
import type { ConsentCategory, ConsentPurpose } from '../shared/vocabulary';
import type { CaseState, Consent } from './case.state';

/**
 * Pure consent arithmetic shared by the deciders (may she be referred?), the scope written on each
 * event (who may see what) and the read side (what may be shown now). Keeping it in one place is what
 * makes "a withdrawal hides data that was shared before it" hold everywhere at once.
 */

/** A consent counts until it is withdrawn or its expiry instant is reached (expiry at exactly `now` has lapsed). */
export function isConsentActive(consent: Consent, now: Date): boolean {
  return !consent.withdrawn && (consent.expiresAt === null || isStrictlyAfter(consent.expiresAt, now));
}

/** The active consents of a case; none once she is erased or before she is identified. */
export function activeConsents(state: CaseState, now: Date): Consent[] {
  return state.status === 'open' ? state.consents.filter((consent) => isConsentActive(consent, now)) : [];
}

/**
 * Whether a consent names this recipient for this purpose. `any_referral_recipient` only ever stands
 * for organisations she is referred to, so it never reaches coordination or research.
 */
export function consentNamesRecipient(consent: Consent, recipient: string, purpose: ConsentPurpose, isReferralRecipient = true): boolean {
  if (!consent.purposes.includes(purpose)) return false;
  if (consent.recipients.includes(recipient)) return true;
  return isReferralRecipient && purpose === 'referral' && consent.recipients.includes(ANY_REFERRAL_RECIPIENT);
}

export type ConsentCoverage =
  { covered: true; consentIds: string[] } | { covered: false; missingCategories: ConsentCategory[]; recipientCovered: boolean };

export interface CoverageRequest {
  recipient: string;
  purpose: ConsentPurpose;
  categories: readonly ConsentCategory[];
}

/**
 * Whether active consents allow sharing `categories` with `recipient` for `purpose`.
 * Categories may be covered by the union of several consents, each of which must name the recipient
 * and the purpose: she may well have agreed to "identity" on Monday and "health" on Tuesday.
 * Even with no categories, at least one consent must name the recipient: a referral alone tells the
 * receiver that this woman exists and needs help.
 * `consentIds` lists every active consent naming the recipient for the purpose (the legal basis to record).
 */
export function consentCoverage(state: CaseState, now: Date, request: CoverageRequest): ConsentCoverage {
  const relevant = activeConsents(state, now).filter((consent) => consentNamesRecipient(consent, request.recipient, request.purpose));
  const granted = new Set(relevant.flatMap((consent) => consent.categories));
  const missingCategories = CONSENT_CATEGORIES.filter((category) => request.categories.includes(category) && !granted.has(category));
  if (relevant.length > 0 && missingCategories.length === 0) {
    return { covered: true, consentIds: relevant.map((consent) => consent.consentId) };
  }
  return { covered: false, missingCategories, recipientCovered: relevant.length > 0 };
}

/**
 * The categories of her personal data an organisation may see for a purpose, right now.
 * The holder (who identified her and collected the data) sees everything; anyone else sees the union
 * of the categories of active consents naming it, `any_referral_recipient` counting only when it
 * received a referral for her. Nobody sees anything once she is erased. Categories come in the
 * canonical order of CONSENT_CATEGORIES.
 */
export function visibleCategories(
  state: CaseState,
  now: Date,
  organisationId: string,
  purpose: ConsentPurpose,
  isReferralRecipient = false,
): ConsentCategory[] {
  if (state.status !== 'open') return [];
  if (state.holder === organisationId) return [...CONSENT_CATEGORIES];
  const granted = new Set(
    activeConsents(state, now)
      .filter((consent) => consentNamesRecipient(consent, organisationId, purpose, isReferralRecipient))
      .flatMap((consent) => consent.categories),
  );
  return CONSENT_CATEGORIES.filter((category) => granted.has(category));
}
