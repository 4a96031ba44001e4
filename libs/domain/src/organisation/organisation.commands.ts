import type { CommandMetadata } from '../shared/metadata';
import type { OrganisationKind, Service } from '../shared/vocabulary';
import type { OrganisationContact } from './organisation.events';

export type RegisterOrganisation = {
  type: 'RegisterOrganisation';
  data: {
    organisationId: string;
    name: string;
    kind: OrganisationKind;
    department: string;
    services: Service[];
    contact?: OrganisationContact | undefined;
  };
  metadata: CommandMetadata;
};
export type DeclareCapacity = {
  type: 'DeclareCapacity';
  data: { organisationId: string; service: Service; total: number; available: number };
  metadata: CommandMetadata;
};
export type OrganisationCommand = RegisterOrganisation | DeclareCapacity;
