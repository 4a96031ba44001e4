import type { CommandMetadata } from '../shared/metadata';
import type { OrganisationKind, Service } from '../shared/vocabulary';

export type RegisterOrganisation = {
  type: 'RegisterOrganisation';
  data: { organisationId: string; name: string; kind: OrganisationKind; department: string; services: Service[] };
  metadata: CommandMetadata;
};
export type DeclareCapacity = {
  type: 'DeclareCapacity';
  data: { organisationId: string; service: Service; total: number; available: number };
  metadata: CommandMetadata;
};
export type OrganisationCommand = RegisterOrganisation | DeclareCapacity;
