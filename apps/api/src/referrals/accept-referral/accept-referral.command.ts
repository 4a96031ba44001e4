import type { CommandContext } from '../../shared/command-context';
import type { AcceptReferralRequest } from './accept-referral.request.dto';

export class AcceptReferralCommand {
  constructor(readonly referralId: string, readonly request: AcceptReferralRequest, readonly context: CommandContext) {}
}
