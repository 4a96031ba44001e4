import type { CommandContext } from '@passerelle/command-handling';
import type { ClosureOutcome } from '@passerelle/domain';

export class CloseReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null; outcome: ClosureOutcome },
    readonly context: CommandContext,
  ) {}
}
