import type { ClosureOutcome, ConsentCategory, ConsentPurpose, DeclineReason, Indicator, Service, Urgency } from '@passerelle/domain';
import type { SeedPerson } from './seed-persons';

export interface SeedConsent {
  recipients: string[];
  categories: ConsentCategory[];
  purposes: ConsentPurpose[];
  expiresAt: string | null;
  method: 'verbal' | 'written';
  language: string;
}

/**
 * One thing that happens in the seeded network, at `at`, done through the HTTP API by `by`.
 * Refs (`c12`, `r40`, `c12/k1`) name what an earlier step created; the runner maps them to the
 * ids the API returned.
 */
export type SeedStep =
  | {
      kind: 'identify';
      at: Date;
      by: string;
      caseRef: string;
      consentRef: string | null;
      body: {
        person: SeedPerson;
        level: 'presumed' | 'formal';
        indicators: Indicator[];
        department: string;
        ageBand: string;
        safety: { doNotContact: boolean; safeChannel: string };
        consent?: SeedConsent;
      };
    }
  | { kind: 'grantConsent'; at: Date; by: string; caseRef: string; consentRef: string; body: SeedConsent }
  | { kind: 'withdrawConsent'; at: Date; by: string; caseRef: string; consentRef: string }
  | {
      kind: 'refer';
      at: Date;
      by: string;
      caseRef: string;
      referralRef: string;
      body: { to: string; service: Service; urgency: Urgency; sharedCategories: ConsentCategory[]; message: string; respondBy: string };
    }
  | {
      kind: 'placeRequest';
      at: Date;
      by: string;
      caseRef: string;
      placeRequestRef: string;
      /** One per shelter asked, in the order of `body.to`: the referrals the request makes. */
      referralRefs: string[];
      body: { to: string[]; service: Service; urgency: Urgency; sharedCategories: ConsentCategory[]; message: string; respondBy: string };
    }
  | { kind: 'cancelPlaceRequest'; at: Date; by: string; caseRef: string; placeRequestRef: string }
  | { kind: 'accept'; at: Date; by: string; referralRef: string }
  | { kind: 'decline'; at: Date; by: string; referralRef: string; reason: DeclineReason }
  | { kind: 'withdrawReferral'; at: Date; by: string; referralRef: string }
  | { kind: 'close'; at: Date; by: string; referralRef: string; outcome: ClosureOutcome }
  | { kind: 'erase'; at: Date; by: string; caseRef: string };

/** What the plan knows to be true, for tests to check the projections against. */
export interface SeedTruth {
  women: number;
  identifications: number;
  /** Women identified by an NGO-side partner and by the authority, her name written differently each time. */
  identifiedByBoth: number;
  ngoSideOnly: number;
  authorityOnly: number;
  referrals: number;
  /** Requests for a place sent to several shelters at once (their referrals are not in `referrals`). */
  placeRequests: number;
}

export interface SeedPlan {
  steps: SeedStep[];
  truth: SeedTruth;
}

/** Steps are replayed in time order; ties keep the order in which they were planned. */
export function inTimeOrder(steps: SeedStep[]): SeedStep[] {
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.index - b.index)
    .map(({ step }) => step);
}
