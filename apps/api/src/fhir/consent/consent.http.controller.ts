import { Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import type { Bundle, Consent } from 'fhir/r4';
import { FHIR_JSON, FhirController, FhirUrls, fhirId, type FhirRequestUrls, type RawQuery } from '../fhir-http';
import { ReadFhirConsentQuery, SearchFhirConsentsQuery } from './read-consent.query';
import { parseConsentSearch } from './search-consents.request.dto';

/** `GET /fhir/r4/Consent?patient=Patient/{caseId}`, `GET /fhir/r4/Consent/{id}`: her consents, for the holder of her case. */
@HiddenFromNetworkAdmin()
@FhirController('Consent')
export class FhirConsentController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Header('Content-Type', FHIR_JSON)
  search(@Query() query: RawQuery, @FhirUrls() urls: FhirRequestUrls, @CurrentActor() actor: Actor): Promise<Bundle<Consent>> {
    return this.queries.execute(new SearchFhirConsentsQuery(actor, parseConsentSearch(query), new Date(), urls));
  }

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Header('Content-Type', FHIR_JSON)
  read(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<Consent> {
    return this.queries.execute(new ReadFhirConsentQuery(actor, fhirId(id), new Date()));
  }
}
