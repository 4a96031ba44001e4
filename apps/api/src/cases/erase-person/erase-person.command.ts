import type { CommandContext } from '../../shared/command-context';

export class ErasePersonCommand {
  constructor(readonly caseId: string, readonly context: CommandContext) {}
}
