import type { SealedText } from '../shared/metadata';
import type { ClosureOutcome, ConsentCategory, DeclineReason, Service, Urgency, WithdrawalReason } from '../shared/vocabulary';

/** Events of a `referral-<uuid>` stream (docs/architecture.md#streams-and-events). */
export type ReferralMade = {
  type: 'ReferralMade';
  data: {
    referralId: string;
    caseId: string;
    from: string;
    to: string;
    service: Service;
    urgency: Urgency;
    sharedCategories: ConsentCategory[];
    message: SealedText;
    respondBy: string | null;
    /**
     * Set when the referral is one of a place request's (docs/adr/0012-place-requests.md): the request
     * and how many shelters it went to in all. The receiver learns how many others were asked, never who.
     */
    placeRequest?: { placeRequestId: string; recipients: number };
  };
};
export type ReferralAccepted = { type: 'ReferralAccepted'; data: { referralId: string; by: string; note: SealedText } };
export type ReferralDeclined = {
  type: 'ReferralDeclined';
  data: { referralId: string; by: string; reason: DeclineReason; note: SealedText };
};
export type ReferralWithdrawn = {
  type: 'ReferralWithdrawn';
  data: { referralId: string; by: string; reason: WithdrawalReason; note: SealedText };
};
export type ReferralClosed = {
  type: 'ReferralClosed';
  data: { referralId: string; by: string; outcome: ClosureOutcome; note: SealedText };
};

export type ReferralEvent = ReferralMade | ReferralAccepted | ReferralDeclined | ReferralWithdrawn | ReferralClosed;
export const REFERRAL_EVENT_TYPES = [
  'ReferralMade',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralClosed',
] as const;
export const referralStream = (referralId: string) => `referral-${referralId}`;
