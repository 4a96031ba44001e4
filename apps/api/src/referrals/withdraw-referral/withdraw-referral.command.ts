import type { CommandContext } from '../../shared/command-context';
import type { WithdrawReferralRequest } from './withdraw-referral.request.dto';

export class WithdrawReferralCommand {
  constructor(readonly referralId: string, readonly request: WithdrawReferralRequest, readonly context: CommandContext) {}
}
