import { Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '@passerelle/auth';
import { ROLES } from '@passerelle/domain';
import type { Bundle, HealthcareService, Organization } from 'fhir/r4';
import { FHIR_JSON, FhirController, FhirUrls, fhirId, type FhirRequestUrls, type RawQuery } from '../fhir-http';
import {
  ReadFhirHealthcareServiceQuery,
  ReadFhirOrganizationQuery,
  SearchFhirHealthcareServicesQuery,
  SearchFhirOrganizationsQuery,
} from './read-directory.query';
import { parseHealthcareServiceSearch, parseOrganizationSearch } from './search-directory.request.dto';

const EVERY_ROLE = ROLES;

/** `GET /fhir/r4/Organization[?type=…]`, `GET /fhir/r4/Organization/{id}` (docs/fhir.md#organization). */
@FhirController('Organization')
export class FhirOrganizationController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...EVERY_ROLE)
  @Header('Content-Type', FHIR_JSON)
  search(@Query() query: RawQuery, @FhirUrls() urls: FhirRequestUrls): Promise<Bundle<Organization>> {
    return this.queries.execute(new SearchFhirOrganizationsQuery(parseOrganizationSearch(query), urls));
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
    return this.queries.execute(new SearchFhirHealthcareServicesQuery(parseHealthcareServiceSearch(query), urls));
  }

  @Get(':id')
  @Roles(...EVERY_ROLE)
  @Header('Content-Type', FHIR_JSON)
  read(@Param('id') id: string): Promise<HealthcareService> {
    return this.queries.execute(new ReadFhirHealthcareServiceQuery(fhirId(id)));
  }
}
