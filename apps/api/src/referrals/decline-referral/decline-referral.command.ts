import type { CommandContext } from '@passerelle/command-handling';
import type { DeclineReason } from '@passerelle/domain';

export class DeclineReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null; reason: DeclineReason },
    readonly context: CommandContext,
  ) {}
}
