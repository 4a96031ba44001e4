import type { CommandContext } from '@passerelle/command-handling';
import type { WithdrawalReason } from '@passerelle/domain';

export class WithdrawReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null; reason: WithdrawalReason },
    readonly context: CommandContext,
  ) {}
}
