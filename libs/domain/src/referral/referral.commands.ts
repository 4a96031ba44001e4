import type { CaseState } from '../case/case.state';
import type { OrganisationState } from '../organisation/organisation.state';
import type { CommandMetadata, SealedText } from '../shared/metadata';
import type { ClosureOutcome, ConsentCategory, DeclineReason, Service, Urgency, WithdrawalReason } from '../shared/vocabulary';

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
export type DeclineReferral = {
  type: 'DeclineReferral';
  data: { referralId: string; reason: DeclineReason; note: SealedText };
  metadata: CommandMetadata;
};
export type WithdrawReferral = {
  type: 'WithdrawReferral';
  data: { referralId: string; reason: WithdrawalReason; note: SealedText };
  metadata: CommandMetadata;
};
export type CloseReferral = {
  type: 'CloseReferral';
  data: { referralId: string; outcome: ClosureOutcome; note: SealedText };
  metadata: CommandMetadata;
};

export type ReferralCommand = MakeReferral | AcceptReferral | DeclineReferral | WithdrawReferral | CloseReferral;
