import type { OrganisationContact, OrganisationKind, Service } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

/**
 * The directory every key holder may read. A refuge's address is confidential, so the model has no
 * location at all: département and services only.
 */
export interface DirectoryOrganisationRow {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  department: string;
  services: Service[];
  /** Whom she calls (printed on her consent receipt); null when none was registered. */
  contact: OrganisationContact | null;
  /** Declared places per service. */
  capacity: Partial<Record<Service, { total: number; available: number; declaredAt: string }>>;
  registeredAt: Date;
  updatedAt: Date;
  lastPosition: bigint;
}

export const DirectoryOrganisationEntity = new EntitySchema<DirectoryOrganisationRow>({
  name: 'DirectoryOrganisation',
  tableName: 'directory_organisations',
  columns: {
    organisationId: { name: 'organisation_id', type: 'text', primary: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    department: { type: 'text' },
    services: { type: 'text', array: true },
    contact: { type: 'jsonb', nullable: true },
    capacity: { type: 'jsonb' },
    registeredAt: { name: 'registered_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    lastPosition: positionColumn('last_position'),
  },
});
