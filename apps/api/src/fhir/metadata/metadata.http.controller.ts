import { All, Get, Header, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Public } from '@passerelle/auth';
import type { Request } from 'express';
import type { CapabilityStatement } from 'fhir/r4';
import { FHIR_JSON, FhirController, fhirError, FhirUrls, type FhirRequestUrls } from '../fhir-http';
import { GetFhirCapabilityStatementQuery } from './metadata.query';

const SERVED = ['Task', 'ServiceRequest', 'Patient', 'Consent', 'Organization', 'HealthcareService'];

/** `GET /fhir/r4/metadata`: public, as a FHIR client reads it before it authenticates. */
@FhirController('metadata')
export class FhirMetadataController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @Header('Content-Type', FHIR_JSON)
  read(@FhirUrls() urls: FhirRequestUrls): Promise<CapabilityStatement> {
    return this.queries.execute(new GetFhirCapabilityStatementQuery(urls.base));
  }
}

/**
 * Anything else under /fhir/r4 (registered last): an OperationOutcome rather than the JSON API's
 * problem, 405 for an interaction a served resource type does not offer and for the base itself
 * (no batch, transaction or whole-system search), 404 for any other type.
 */
@FhirController('')
export class FhirFallbackController {
  @All(['', '{*path}'])
  @Public()
  fallback(@Req() request: Request): never {
    const type = request.path.split('/')[3] ?? '';
    if (type === '' || SERVED.includes(type)) {
      throw fhirError(
        405,
        'FHIR.INTERACTION_NOT_SUPPORTED',
        'Not supported',
        `${request.method} is not supported here; see /fhir/r4/metadata.`,
      );
    }
    throw fhirError(
      404,
      'FHIR.UNKNOWN_RESOURCE_TYPE',
      'Unknown resource type',
      'This server serves the resources listed at /fhir/r4/metadata.',
    );
  }
}
