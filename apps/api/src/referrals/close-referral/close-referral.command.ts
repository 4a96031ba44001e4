import type { CommandContext } from '../../shared/command-context';
import type { CloseReferralRequest } from './close-referral.request.dto';

export class CloseReferralCommand {
  constructor(readonly referralId: string, readonly request: CloseReferralRequest, readonly context: CommandContext) {}
}
