import type { OrganisationKind, Service } from '../shared/vocabulary';

export type OrganisationState =
  | { status: 'none' }
  | {
      status: 'registered';
      organisationId: string;
      name: string;
      kind: OrganisationKind;
      department: string;
      services: Service[];
      capacity: Partial<Record<Service, { total: number; available: number }>>;
    };

export const initialOrganisationState = (): OrganisationState => ({ status: 'none' });
