import type { OrganisationKind, Service } from '../shared/vocabulary';

/**
 * How a woman reaches the organisation (its desk, a hotline): printed on her consent receipt as the
 * number to call to withdraw. Never a person's own number, never a refuge's address.
 */
export interface OrganisationContact {
  phone: string | null;
  email: string | null;
}

/** Events of an `organisation-<id>` stream (docs/architecture.md#streams-and-events). */
export type OrganisationRegistered = {
  type: 'OrganisationRegistered';
  /** `contact` is absent from registrations recorded before organisations could give one. */
  data: {
    organisationId: string;
    name: string;
    kind: OrganisationKind;
    department: string;
    services: Service[];
    contact?: OrganisationContact;
  };
};
export type CapacityDeclared = {
  type: 'CapacityDeclared';
  data: { organisationId: string; service: Service; total: number; available: number };
};
export type OrganisationEvent = OrganisationRegistered | CapacityDeclared;
export const ORGANISATION_EVENT_TYPES = ['OrganisationRegistered', 'CapacityDeclared'] as const;
export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
