import type { CommandContext } from '@passerelle/command-handling';
import type { OrganisationContact, OrganisationKind, Service } from '@passerelle/domain';

export interface RegisterOrganisationData {
  id: string;
  name: string;
  kind: OrganisationKind;
  department: string;
  services: Service[];
  contact?: OrganisationContact | undefined;
}

export class RegisterOrganisationCommand {
  constructor(
    readonly data: RegisterOrganisationData,
    readonly context: CommandContext,
  ) {}
}
