import type { CommandContext } from '@passerelle/command-handling';

export class AcceptReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null },
    readonly context: CommandContext,
  ) {}
}
