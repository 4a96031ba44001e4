import type { CaseState } from '../case/case.state';
import type { OrganisationState } from '../organisation/organisation.state';
import type { PlaceRequestMade } from '../place-request/place-request.events';
import type { CommandMetadata, SealedText } from '../shared/metadata';
import type {
  ClosureOutcome,
  ConsentCategory,
  DeclineReason,
  PlaceRequestWithdrawalReason,
  Service,
  Urgency,
  WithdrawalReason,
} from '../shared/vocabulary';

export type MakeReferral = {
  type: 'MakeReferral';
  data: {
    referralId: string;
    caseId: string;
    to: string;
    service: Service;
    urgency: Urgency;
    sharedCategories: ConsentCategory[];
    message: SealedText;
    respondBy: string | null;
    /** The case as folded from its stream, loaded by the handler: consent decides whether she may be referred. */
    case: CaseState;
    /** The receiving organisation as folded from its stream. */
    receiver: OrganisationState;
  };
  metadata: CommandMetadata;
};
export type AcceptReferral = { type: 'AcceptReferral'; data: { referralId: string; note: SealedText }; metadata: CommandMetadata };

/**
 * For a referral of a place request: the referral through which the request was placed, if it was.
 * That referral is being accepted (its acceptance follows the placement), so it can no longer be
 * declined or withdrawn (docs/adr/0012-place-requests.md).
 */
interface PlacementGuard {
  placedThrough?: string | null;
}
export type DeclineReferral = {
  type: 'DeclineReferral';
  data: { referralId: string; reason: DeclineReason; note: SealedText } & PlacementGuard;
  metadata: CommandMetadata;
};
export type WithdrawReferral = {
  type: 'WithdrawReferral';
  data: { referralId: string; reason: WithdrawalReason; note: SealedText } & PlacementGuard;
  metadata: CommandMetadata;
};
export type CloseReferral = {
  type: 'CloseReferral';
  data: { referralId: string; outcome: ClosureOutcome; note: SealedText };
  metadata: CommandMetadata;
};

/**
 * What a place request's decision means for one of its referrals (libs/subscribers/src/place-requests):
 * no actor is checked, the decision was taken on the place request's stream. Each records nothing
 * when the referral is already where the decision puts it, so running it twice is harmless.
 */
export type MakeReferralForPlaceRequest = {
  type: 'MakeReferralForPlaceRequest';
  data: { referralId: string; request: PlaceRequestMade['data'] };
  metadata: { now: Date };
};
export type CompletePlacement = {
  type: 'CompletePlacement';
  data: { referralId: string; placeRequestId: string; by: string; note: SealedText };
  metadata: { now: Date };
};
export type WithdrawForPlaceRequest = {
  type: 'WithdrawForPlaceRequest';
  data: { referralId: string; placeRequestId: string; reason: PlaceRequestWithdrawalReason };
  metadata: { now: Date };
};

export type ReferralCommand =
  | MakeReferral
  | AcceptReferral
  | DeclineReferral
  | WithdrawReferral
  | CloseReferral
  | MakeReferralForPlaceRequest
  | CompletePlacement
  | WithdrawForPlaceRequest;
