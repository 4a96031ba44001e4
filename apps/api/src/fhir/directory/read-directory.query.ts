import type { OrganisationKind, Service } from '@passerelle/domain';
import type { FhirRequestUrls } from '../fhir-http';

export class ReadFhirOrganizationQuery {
  constructor(readonly organisationId: string) {}
}

export class SearchFhirOrganizationsQuery {
  constructor(
    readonly kinds: OrganisationKind[] | undefined,
    readonly urls: FhirRequestUrls,
  ) {}
}

export class ReadFhirHealthcareServiceQuery {
  constructor(readonly id: string) {}
}

export class SearchFhirHealthcareServicesQuery {
  constructor(
    readonly filter: { organisationId?: string; services?: Service[] },
    readonly urls: FhirRequestUrls,
  ) {}
}
