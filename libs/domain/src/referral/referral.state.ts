import type { ConsentCategory, Service } from '../shared/vocabulary';

interface Parties {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: Service;
  sharedCategories: ConsentCategory[];
  /** The place request it belongs to; its acceptance then goes through the place request's stream. */
  placeRequestId: string | null;
}

/** Referral states: referred → accepted | declined | withdrawn, accepted → closed; the last three are final. */
export type ReferralState =
  | { status: 'none' }
  | ({ status: 'referred' } & Parties)
  | ({ status: 'accepted' } & Parties)
  | ({ status: 'declined' } & Parties)
  | ({ status: 'withdrawn' } & Parties)
  | ({ status: 'closed' } & Parties);

export const initialReferralState = (): ReferralState => ({ status: 'none' });
