import type { CommandContext } from '@passerelle/command-handling';

export class WithdrawConsentCommand {
  constructor(
    readonly data: { caseId: string; consentId: string; reason: string | null },
    readonly context: CommandContext,
  ) {}
}
