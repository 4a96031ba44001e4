import type { DirectoryOrganisationRow } from '@passerelle/projections';
import { departmentName } from '@passerelle/geography';
import { directoryIds } from '../../shared/stable-ids';
import { ORGANISATION_KIND_NAMES, SERVICE_NAMES } from '../../shared/vocabulary-names';

/**
 * The directory in Open Referral HSDS 3 shape (docs/directory-exports.md): `organization` with its
 * `service`s, each with its `service_capacity` (HSDS 3.1's `capacities`, unit "place"). HSDS ids
 * are UUIDs, so each record's id is derived from our own ids (shared/stable-ids.ts) and the
 * Passerelle id travels as an `organization_identifier`. There is never a `location`, an
 * `address` or a `service_at_location`: a refuge's address is confidential, and the network keeps
 * no address for anyone else either. The area a service covers is its département; the contact
 * (a desk's phone and e-mail, when registered) is the directory's own.
 */
export interface HsdsUnit {
  id: string;
  name: string;
  scheme: string;
  identifier: string;
}

export interface HsdsServiceCapacity {
  id: string;
  service_id: string;
  unit: HsdsUnit;
  available: number;
  maximum: number;
  description: string;
  updated: string;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description: string;
}

export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  status: 'active';
  last_modified: string;
  service_areas: HsdsServiceArea[];
  capacities: HsdsServiceCapacity[];
}

export interface HsdsOrganizationIdentifier {
  id: string;
  organization_id: string;
  identifier_scheme: string;
  identifier_type: string;
  identifier: string;
}

export interface HsdsPhone {
  id: string;
  organization_id: string;
  number: string;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  /** The contact the organisation registered (a desk, never a person's own): whom she calls. */
  email?: string;
  phones?: HsdsPhone[];
  organization_identifiers: HsdsOrganizationIdentifier[];
  services: HsdsService[];
}

/** Passerelle's own organisation ids, named as an HSDS identifier scheme. */
export const PASSERELLE_IDENTIFIER_SCHEME = 'passerelle';
const PLACE: HsdsUnit = { id: directoryIds.placeUnit(), name: 'place', scheme: PASSERELLE_IDENTIFIER_SCHEME, identifier: 'place' };

export function hsdsOrganization(row: DirectoryOrganisationRow): HsdsOrganization {
  const id = directoryIds.organisation(row.organisationId);
  const area = `${departmentName(row.department) ?? row.department} (${row.department})`;
  return {
    id,
    name: row.name,
    description: `${ORGANISATION_KIND_NAMES[row.kind]} of the Passerelle referral network, in the département ${area}.`,
    ...(row.contact?.email ? { email: row.contact.email } : {}),
    ...(row.contact?.phone
      ? { phones: [{ id: directoryIds.phone(row.organisationId), organization_id: id, number: row.contact.phone }] }
      : {}),
    organization_identifiers: [
      {
        id: directoryIds.identifier(row.organisationId),
        organization_id: id,
        identifier_scheme: PASSERELLE_IDENTIFIER_SCHEME,
        identifier_type: 'Passerelle organisation id',
        identifier: row.organisationId,
      },
    ],
    services: row.services.map((service) => {
      const serviceId = directoryIds.service(row.organisationId, service);
      const declared = row.capacity[service];
      return {
        id: serviceId,
        organization_id: id,
        name: SERVICE_NAMES[service],
        description: `${SERVICE_NAMES[service]} offered by ${row.name}; referrals go through the Passerelle network.`,
        status: 'active',
        last_modified: (declared
          ? new Date(Math.max(Date.parse(declared.declaredAt), row.registeredAt.getTime()))
          : row.registeredAt
        ).toISOString(),
        service_areas: [
          {
            id: directoryIds.serviceArea(row.organisationId, service),
            service_id: serviceId,
            name: area,
            description: `Département ${area}, France`,
          },
        ],
        capacities: declared
          ? [
              {
                id: directoryIds.capacity(row.organisationId, service),
                service_id: serviceId,
                unit: PLACE,
                available: declared.available,
                maximum: declared.total,
                description: `Places for ${SERVICE_NAMES[service].toLowerCase()} as last declared by the organisation.`,
                updated: new Date(declared.declaredAt).toISOString(),
              },
            ]
          : [],
      };
    }),
  };
}
