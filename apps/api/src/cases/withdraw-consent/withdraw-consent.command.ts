import type { CommandContext } from '../../shared/command-context';

export class WithdrawConsentCommand {
  constructor(readonly caseId: string, readonly consentId: string, readonly reason: string | null, readonly context: CommandContext) {}
}
