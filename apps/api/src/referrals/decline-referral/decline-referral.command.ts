import type { CommandContext } from '../../shared/command-context';
import type { DeclineReferralRequest } from './decline-referral.request.dto';

export class DeclineReferralCommand {
  constructor(readonly referralId: string, readonly request: DeclineReferralRequest, readonly context: CommandContext) {}
}
