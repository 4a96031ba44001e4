import type { CommandContext } from '@passerelle/command-handling';

export class RemoveMemberCommand {
  constructor(
    readonly data: { organisationId: string; personId: string },
    readonly context: CommandContext,
  ) {}
}
