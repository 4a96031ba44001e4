import type { Service } from '../shared/vocabulary';
import type { PlaceRequestRecipient } from './place-request.events';

interface Request {
  placeRequestId: string;
  caseId: string;
  from: string;
  recipients: PlaceRequestRecipient[];
  service: Service;
  respondBy: string | null;
}

/** open → placed | expired | cancelled, each final: she is placed at most once. */
export type PlaceRequestState =
  | { status: 'none' }
  | ({ status: 'open' } & Request)
  | ({ status: 'placed'; placedReferralId: string; placedBy: string } & Request)
  | ({ status: 'expired' } & Request)
  | ({ status: 'cancelled' } & Request);

export const initialPlaceRequestState = (): PlaceRequestState => ({ status: 'none' });
