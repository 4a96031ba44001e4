import { Get, Header, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import type { Patient } from 'fhir/r4';
import { FHIR_JSON, FhirController, fhirError, fhirId } from '../fhir-http';
import { ReadFhirPatientQuery, type PatientRead } from './read-patient.query';

/** `GET /fhir/r4/Patient/{caseId}`: her case, only the categories consent lets the reader see (docs/fhir.md#patient). */
@HiddenFromNetworkAdmin()
@FhirController('Patient')
export class FhirPatientController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Header('Content-Type', FHIR_JSON)
  async read(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<Patient> {
    const read = await this.queries.execute<ReadFhirPatientQuery, PatientRead>(new ReadFhirPatientQuery(actor, fhirId(id), new Date()));
    if ('erased' in read)
      throw fhirError(410, 'FHIR.RESOURCE_GONE', 'Erased', 'She was erased at her request: nothing about her can be read any more.');
    return read.patient;
  }
}
