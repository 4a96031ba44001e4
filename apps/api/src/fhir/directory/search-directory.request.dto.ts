import { ORGANISATION_KINDS, SERVICES, type OrganisationKind, type Service } from '@passerelle/domain';
import { referenceId, searchParameters, tokens, type RawQuery } from '../fhir-search';
import { CODE_SYSTEM } from '../fhir-systems';

/** `GET /fhir/r4/Organization?type=refuge,health`: the kinds asked, or every kind. */
export function parseOrganizationSearch(query: RawQuery): OrganisationKind[] | undefined {
  return tokens(searchParameters(query, ['type']), 'type', ORGANISATION_KINDS, CODE_SYSTEM.organisationKind);
}

/** `GET /fhir/r4/HealthcareService?organization=Organization/{id}&service-type=medical`. */
export function parseHealthcareServiceSearch(query: RawQuery): { organisationId?: string; services?: Service[] } {
  const params = searchParameters(query, ['organization', 'service-type']);
  const organisationId = referenceId(params, 'organization', 'Organization');
  const services = tokens(params, 'service-type', SERVICES, CODE_SYSTEM.service);
  return { ...(organisationId ? { organisationId } : {}), ...(services ? { services } : {}) };
}
