import type { CommandContext } from '@passerelle/command-handling';
import type { PersonRole } from '@passerelle/domain';

export class ChangeMemberRoleCommand {
  constructor(
    readonly data: { organisationId: string; personId: string; role: PersonRole },
    readonly context: CommandContext,
  ) {}
}
