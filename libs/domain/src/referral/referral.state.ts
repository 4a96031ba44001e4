import type { ConsentCategory, Service } from '../shared/vocabulary';

interface Parties {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: Service;
  sharedCategories: ConsentCategory[];
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
