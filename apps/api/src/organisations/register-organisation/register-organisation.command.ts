import type { OrganisationKind, Service } from '@passerelle/domain';
import type { CommandContext } from '../../shared/command-context';

export class RegisterOrganisationCommand {
  constructor(
    readonly organisation: { id: string; name: string; kind: OrganisationKind; department: string; services: Service[] },
    readonly context: CommandContext,
  ) {}
}
