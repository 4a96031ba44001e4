import { Get, Header, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import type { Response } from 'express';
import type { ServiceRequest } from 'fhir/r4';
import { FHIR_JSON, FhirController, fhirId, setVersionHeaders } from '../fhir-http';
import { ReadFhirServiceRequestQuery } from './read-service-request.query';

/** `GET /fhir/r4/ServiceRequest/{id}`: the focus of a referral's Task (docs/fhir.md#servicerequest). */
@HiddenFromNetworkAdmin()
@FhirController('ServiceRequest')
export class FhirServiceRequestController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Header('Content-Type', FHIR_JSON)
  async read(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ServiceRequest> {
    const request = await this.queries.execute<ReadFhirServiceRequestQuery, ServiceRequest>(
      new ReadFhirServiceRequestQuery(actor, fhirId(id), new Date()),
    );
    setVersionHeaders(response, request);
    return request;
  }
}
