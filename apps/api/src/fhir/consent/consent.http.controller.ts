import { Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@passerelle/auth';
import type { Actor } from '@passerelle/domain';
import type { Bundle, Consent } from 'fhir/r4';
import { fhirError } from '../fhir-outcome';
import { FhirController, FhirUrls, fhirId, type FhirRequestUrls } from '../fhir-http';
import { referenceId, searchParameters, type RawQuery } from '../fhir-search';
import { FHIR_JSON } from '../fhir-systems';
import { ReadFhirConsentQuery, SearchFhirConsentsQuery } from './read-consent.query';

/** `GET /fhir/r4/Consent?patient=Patient/{caseId}`, `GET /fhir/r4/Consent/{id}`: her consents, for the holder of her case. */
@FhirController('Consent')
export class FhirConsentController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('partner')
  @Header('Content-Type', FHIR_JSON)
  search(@Query() query: RawQuery, @FhirUrls() urls: FhirRequestUrls, @CurrentActor() actor: Actor): Promise<Bundle<Consent>> {
    const patient = referenceId(searchParameters(query, ['patient']), 'patient', 'Patient');
    if (patient === undefined) {
      throw fhirError(
        400,
        'FHIR.BAD_SEARCH_PARAMETER',
        'Search parameter required',
        'Consents are searched by patient, e.g. ?patient=Patient/{caseId}.',
        'patient',
      );
    }
    return this.queries.execute(new SearchFhirConsentsQuery(actor, patient, new Date(), urls));
  }

  @Get(':id')
  @Roles('partner')
  @Header('Content-Type', FHIR_JSON)
  read(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<Consent> {
    return this.queries.execute(new ReadFhirConsentQuery(actor, fhirId(id), new Date()));
  }
}
