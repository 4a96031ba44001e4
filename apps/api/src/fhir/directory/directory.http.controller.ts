import { Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '@passerelle/auth';
import { ORGANISATION_KINDS, SERVICES } from '@passerelle/domain';
import type { Bundle, HealthcareService, Organization } from 'fhir/r4';
import { FhirController, FhirUrls, fhirId, type FhirRequestUrls } from '../fhir-http';
import { referenceId, searchParameters, tokens, type RawQuery } from '../fhir-search';
import { CODE_SYSTEM, FHIR_JSON } from '../fhir-systems';
import {
  ReadFhirHealthcareServiceQuery,
  ReadFhirOrganizationQuery,
  SearchFhirHealthcareServicesQuery,
  SearchFhirOrganizationsQuery,
} from './read-directory.query';

const EVERY_ROLE = ['partner', 'coordinator', 'researcher', 'admin'] as const;

/** `GET /fhir/r4/Organization[?type=…]`, `GET /fhir/r4/Organization/{id}` (docs/fhir.md#organization). */
@FhirController('Organization')
export class FhirOrganizationController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...EVERY_ROLE)
  @Header('Content-Type', FHIR_JSON)
  search(@Query() query: RawQuery, @FhirUrls() urls: FhirRequestUrls): Promise<Bundle<Organization>> {
    const kinds = tokens(searchParameters(query, ['type']), 'type', ORGANISATION_KINDS, CODE_SYSTEM.organisationKind);
    return this.queries.execute(new SearchFhirOrganizationsQuery(kinds, urls));
  }

  @Get(':id')
  @Roles(...EVERY_ROLE)
  @Header('Content-Type', FHIR_JSON)
  read(@Param('id') id: string): Promise<Organization> {
    return this.queries.execute(new ReadFhirOrganizationQuery(fhirId(id)));
  }
}

/** `GET /fhir/r4/HealthcareService[?organization=…&service-type=…]`, `GET /fhir/r4/HealthcareService/{id}` (docs/fhir.md#healthcareservice). */
@FhirController('HealthcareService')
export class FhirHealthcareServiceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...EVERY_ROLE)
  @Header('Content-Type', FHIR_JSON)
  search(@Query() query: RawQuery, @FhirUrls() urls: FhirRequestUrls): Promise<Bundle<HealthcareService>> {
    const params = searchParameters(query, ['organization', 'service-type']);
    const organisationId = referenceId(params, 'organization', 'Organization');
    const services = tokens(params, 'service-type', SERVICES, CODE_SYSTEM.service);
    return this.queries.execute(
      new SearchFhirHealthcareServicesQuery({ ...(organisationId ? { organisationId } : {}), ...(services ? { services } : {}) }, urls),
    );
  }

  @Get(':id')
  @Roles(...EVERY_ROLE)
  @Header('Content-Type', FHIR_JSON)
  read(@Param('id') id: string): Promise<HealthcareService> {
    return this.queries.execute(new ReadFhirHealthcareServiceQuery(fhirId(id)));
  }
}
