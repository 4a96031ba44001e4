import type { OrganisationKind, Service } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

export interface DeclaredCapacity {
  total: number;
  available: number;
  declaredAt: string;
}

/**
 * The organisations behind the figures: kind, département, services and declared places. Kept
 * here rather than read from the directory so that each read model can be rebuilt on its own.
 */
export interface CoordinationOrganisationRow {
  organisationId: string;
  kind: OrganisationKind;
  department: string;
  services: Service[];
  capacity: Partial<Record<Service, DeclaredCapacity>>;
  lastPosition: bigint;
}

export const CoordinationOrganisationEntity = new EntitySchema<CoordinationOrganisationRow>({
  name: 'CoordinationOrganisation',
  tableName: 'coordination_organisations',
  columns: {
    organisationId: { name: 'organisation_id', type: 'text', primary: true },
    kind: { type: 'text' },
    department: { type: 'text' },
    services: { type: 'text', array: true },
    capacity: { type: 'jsonb' },
    lastPosition: positionColumn('last_position'),
  },
});
