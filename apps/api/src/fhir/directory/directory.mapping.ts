import type { Service } from '@passerelle/domain';
import { departmentName } from '@passerelle/geography';
import type { DirectoryOrganisationRow } from '@passerelle/projections';
import type { Extension, HealthcareService, Organization } from 'fhir/r4';
import { directoryIds } from '../../shared/stable-ids';
import { ORGANISATION_KIND_NAMES, SERVICE_NAMES } from '../../shared/vocabulary-names';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';

const department = (row: DirectoryOrganisationRow): Extension => ({
  url: EXTENSION.department,
  valueCoding: { system: CODE_SYSTEM.departement, code: row.department, display: departmentName(row.department) ?? row.department },
});

/**
 * A member of the network as an Organization (docs/fhir.md#organization): its kind, name,
 * département and the contact it registered (a desk's phone and e-mail). Never an address or a
 * location: a refuge's is confidential, and the network keeps no address for anyone else either.
 */
export function directoryOrganization(row: DirectoryOrganisationRow): Organization {
  const telecom: NonNullable<Organization['telecom']> = [];
  if (row.contact?.phone) telecom.push({ system: 'phone', value: row.contact.phone, use: 'work' });
  if (row.contact?.email) telecom.push({ system: 'email', value: row.contact.email, use: 'work' });
  return {
    resourceType: 'Organization',
    id: row.organisationId,
    meta: { lastUpdated: row.updatedAt.toISOString() },
    extension: [department(row)],
    identifier: [{ system: CODE_SYSTEM.organisationId, value: row.organisationId }],
    active: true,
    type: [{ coding: [{ system: CODE_SYSTEM.organisationKind, code: row.kind, display: ORGANISATION_KIND_NAMES[row.kind] }] }],
    name: row.name,
    ...(telecom.length > 0 ? { telecom } : {}),
  };
}

/** The id of an organisation's service: a name-based UUID (our organisation id and service would not fit FHIR's 64 characters). */
export const healthcareServiceId = (organisationId: string, service: Service): string => directoryIds.service(organisationId, service);

/**
 * One service of an organisation as a HealthcareService, with the places it last declared: both
 * the SDOH Clinical Care IG's capacity status (capacity / no-capacity) and the figures. No
 * location, no coverage area: a refuge is never located (docs/fhir.md#healthcareservice).
 */
export function directoryHealthcareService(row: DirectoryOrganisationRow, service: Service): HealthcareService {
  const declared = row.capacity[service];
  const resource: HealthcareService = {
    resourceType: 'HealthcareService',
    id: healthcareServiceId(row.organisationId, service),
    meta: { lastUpdated: row.updatedAt.toISOString() },
    extension: [department(row)],
    active: true,
    providedBy: { reference: `Organization/${row.organisationId}`, type: 'Organization', display: row.name },
    type: [{ coding: [{ system: CODE_SYSTEM.service, code: service, display: SERVICE_NAMES[service] }], text: SERVICE_NAMES[service] }],
    name: `${SERVICE_NAMES[service]} — ${row.name}`,
  };
  if (declared) {
    resource.extension?.push(
      {
        url: EXTENSION.sdohCapacityStatus,
        extension: [
          {
            url: 'capacityStatus',
            valueCodeableConcept: {
              coding: [
                declared.available > 0
                  ? { system: CODE_SYSTEM.sdohTemporary, code: 'capacity', display: 'Has Capacity' }
                  : { system: CODE_SYSTEM.sdohTemporary, code: 'no-capacity', display: 'No Capacity' },
              ],
            },
          },
          {
            url: 'capacityNotes',
            valueString: `${declared.available} of ${declared.total} places available, as declared on ${declared.declaredAt}.`,
          },
        ],
      },
      {
        url: EXTENSION.declaredCapacity,
        extension: [
          { url: 'available', valueUnsignedInt: declared.available },
          { url: 'total', valueUnsignedInt: declared.total },
          { url: 'declaredAt', valueDateTime: declared.declaredAt },
        ],
      },
    );
  }
  return resource;
}
