import type { CommandContext } from '../../shared/command-context';
import type { MakeReferralRequest } from './make-referral.request.dto';

export class MakeReferralCommand {
  constructor(readonly request: MakeReferralRequest, readonly context: CommandContext) {}
}
