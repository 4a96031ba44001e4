import type { OrganisationKind, Service } from '../shared/vocabulary';
import type { OrganisationContact } from './organisation.events';

export type OrganisationState =
  | { status: 'none' }
  | {
      status: 'registered';
      organisationId: string;
      name: string;
      kind: OrganisationKind;
      department: string;
      services: Service[];
      /** Null when it registered none. */
      contact: OrganisationContact | null;
      capacity: Partial<Record<Service, { total: number; available: number }>>;
    };

export const initialOrganisationState = (): OrganisationState => ({ status: 'none' });
