import type { CaseState } from '../case/case.state';
import type { OrganisationState } from '../organisation/organisation.state';
import type { ReferralState } from '../referral/referral.state';
import type { CommandMetadata, SealedText } from '../shared/metadata';
import type { ConsentCategory, Service, Urgency } from '../shared/vocabulary';
import type { PlaceRequestRecipient } from './place-request.events';

export type MakePlaceRequest = {
  type: 'MakePlaceRequest';
  data: {
    placeRequestId: string;
    caseId: string;
    /** The shelters asked, each with the id its referral will have (made from the command's idSeed). */
    recipients: PlaceRequestRecipient[];
    service: Service;
    urgency: Urgency;
    sharedCategories: ConsentCategory[];
    message: SealedText;
    respondBy: string | null;
    /** Her case as folded from its stream: her consent must cover every recipient and category. */
    case: CaseState;
    /** Each recipient's organisation as folded from its stream, by organisation id. */
    receivers: Record<string, OrganisationState>;
  };
  metadata: CommandMetadata;
};
/** A recipient accepts its referral: the first acceptance places her, any later one is refused. */
export type AcceptPlacement = {
  type: 'AcceptPlacement';
  data: { placeRequestId: string; referralId: string; note: SealedText; referral: ReferralState };
  metadata: CommandMetadata;
};
export type CancelPlaceRequest = { type: 'CancelPlaceRequest'; data: { placeRequestId: string }; metadata: CommandMetadata };
/** Sent by the expiry scheduler with `now` = the request's respondBy, the instant it expired; no actor. */
export type ExpirePlaceRequest = { type: 'ExpirePlaceRequest'; data: { placeRequestId: string }; metadata: { now: Date } };

export type PlaceRequestCommand = MakePlaceRequest | AcceptPlacement | CancelPlaceRequest | ExpirePlaceRequest;
