import type { CommandContext } from '@passerelle/command-handling';
import type { PersonRole } from '@passerelle/domain';

export class InviteMemberCommand {
  constructor(
    readonly data: { organisationId: string; email: string; role: PersonRole },
    readonly context: CommandContext,
  ) {}
}
