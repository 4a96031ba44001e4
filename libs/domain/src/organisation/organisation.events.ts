import type { OrganisationKind, Service } from '../shared/vocabulary';

/** Events of an `organisation-<id>` stream (docs/architecture.md#streams-and-events). */
export type OrganisationRegistered = {
  type: 'OrganisationRegistered';
  data: { organisationId: string; name: string; kind: OrganisationKind; department: string; services: Service[] };
};
export type CapacityDeclared = {
  type: 'CapacityDeclared';
  data: { organisationId: string; service: Service; total: number; available: number };
};
export type OrganisationEvent = OrganisationRegistered | CapacityDeclared;
export const ORGANISATION_EVENT_TYPES = ['OrganisationRegistered', 'CapacityDeclared'] as const;
export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
