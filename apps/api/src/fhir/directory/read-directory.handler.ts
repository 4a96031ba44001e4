import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '@passerelle/domain';
import { DirectoryQuery, type DirectoryOrganisationRow } from '@passerelle/projections';
import type { Bundle, HealthcareService, Organization } from 'fhir/r4';
import { searchset } from '../fhir-bundle';
import { directoryHealthcareService, directoryOrganization } from './directory.mapping';
import {
  ReadFhirHealthcareServiceQuery,
  ReadFhirOrganizationQuery,
  SearchFhirHealthcareServicesQuery,
  SearchFhirOrganizationsQuery,
} from './read-directory.query';

/** Every service of the directory's organisations, as HealthcareServices. */
const servicesOf = (rows: DirectoryOrganisationRow[]) =>
  rows.flatMap((row) => row.services.map((service) => directoryHealthcareService(row, service)));

/** The directory (read model `directory_organisations`) as Organizations and HealthcareServices; every key holder may read it. */
@QueryHandler(ReadFhirOrganizationQuery)
export class ReadFhirOrganizationHandler implements IQueryHandler<ReadFhirOrganizationQuery, Organization> {
  constructor(private readonly directory: DirectoryQuery) {}

  async execute({ organisationId }: ReadFhirOrganizationQuery): Promise<Organization> {
    const row = (await this.directory.list({})).find((r) => r.organisationId === organisationId);
    if (!row) throw notFound('ORGANISATION.NOT_FOUND', `No organisation ${organisationId} in the directory.`);
    return directoryOrganization(row);
  }
}

@QueryHandler(SearchFhirOrganizationsQuery)
export class SearchFhirOrganizationsHandler implements IQueryHandler<SearchFhirOrganizationsQuery, Bundle<Organization>> {
  constructor(private readonly directory: DirectoryQuery) {}

  async execute({ kinds, urls }: SearchFhirOrganizationsQuery): Promise<Bundle<Organization>> {
    const rows = (await this.directory.list({})).filter((row) => !kinds || kinds.includes(row.kind));
    return searchset(urls.base, urls.self, rows.map(directoryOrganization));
  }
}

@QueryHandler(ReadFhirHealthcareServiceQuery)
export class ReadFhirHealthcareServiceHandler implements IQueryHandler<ReadFhirHealthcareServiceQuery, HealthcareService> {
  constructor(private readonly directory: DirectoryQuery) {}

  async execute({ id }: ReadFhirHealthcareServiceQuery): Promise<HealthcareService> {
    const found = servicesOf(await this.directory.list({})).find((service) => service.id === id);
    if (!found) throw notFound('ORGANISATION.NOT_FOUND', `No service ${id} in the directory.`);
    return found;
  }
}

@QueryHandler(SearchFhirHealthcareServicesQuery)
export class SearchFhirHealthcareServicesHandler implements IQueryHandler<SearchFhirHealthcareServicesQuery, Bundle<HealthcareService>> {
  constructor(private readonly directory: DirectoryQuery) {}

  async execute({ filter, urls }: SearchFhirHealthcareServicesQuery): Promise<Bundle<HealthcareService>> {
    const rows = (await this.directory.list({})).filter(
      (row) => filter.organisationId === undefined || row.organisationId === filter.organisationId,
    );
    const services = rows.flatMap((row) =>
      row.services
        .filter((service) => !filter.services || filter.services.includes(service))
        .map((service) => directoryHealthcareService(row, service)),
    );
    return searchset(urls.base, urls.self, services);
  }
}
