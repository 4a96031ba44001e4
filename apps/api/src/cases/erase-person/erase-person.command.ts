import type { CommandContext } from '@passerelle/command-handling';

export class ErasePersonCommand {
  constructor(
    readonly data: { caseId: string },
    readonly context: CommandContext,
  ) {}
}
