import { applyDecorators, Controller, createParamDecorator, UseFilters, type ExecutionContext } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { fhirError, FhirOutcomeFilter } from './fhir-outcome';

/** What the facade's controllers use besides their own requests and messages: one door (.dependency-cruiser.js). */
export { fhirError } from './fhir-outcome';
export type { RawQuery } from './fhir-search';
export { FHIR_JSON } from './fhir-systems';

export const FHIR_BASE_PATH = 'fhir/r4';

/**
 * A controller of the FHIR facade: under /fhir/r4, errors as OperationOutcome. The facade is
 * described by its CapabilityStatement (/fhir/r4/metadata) and docs/fhir.md, not by /docs.
 */
export const FhirController = (resourceType: string) =>
  applyDecorators(Controller(`${FHIR_BASE_PATH}/${resourceType}`), UseFilters(FhirOutcomeFilter), ApiExcludeController());

export interface FhirRequestUrls {
  /** `http(s)://host/fhir/r4`: the base every fullUrl and link starts with. */
  base: string;
  /** The URL as asked, for a Bundle's `self` link and to build the `next` one. */
  self: URL;
}

/** The base and the request's own URL, as the client reached this server (Host header). */
export const FhirUrls = createParamDecorator((_: unknown, execution: ExecutionContext): FhirRequestUrls => {
  const request = execution.switchToHttp().getRequest<Request>();
  const origin = `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  return { base: `${origin}/${FHIR_BASE_PATH}`, self: new URL(request.originalUrl, origin) };
});

/** A FHIR id (letters, digits, `-`, `.`, at most 64); anything else in the URL is a 400, as no resource can have it. */
export function fhirId(id: string): string {
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id))
    throw fhirError(400, 'FHIR.BAD_ID', 'Bad id', 'A FHIR id is 1 to 64 letters, digits, - or .', 'id');
  return id;
}

/** `If-Match: W/"3"` (or `"3"`) → 3n; absent → undefined; anything else is a 400. */
export function ifMatchVersion(header: string | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,19})"$/.exec(header.trim());
  if (!match?.[1])
    throw fhirError(400, 'FHIR.BAD_IF_MATCH', 'Bad If-Match', 'If-Match must be the ETag of a version, such as W/"1".', 'If-Match');
  return BigInt(match[1]);
}

/** ETag and Last-Modified of a resource read or written, so a client can update it with If-Match. */
export function setVersionHeaders(response: Response, resource: { meta?: { versionId?: string; lastUpdated?: string } }): void {
  if (resource.meta?.versionId !== undefined) response.setHeader('ETag', `W/"${resource.meta.versionId}"`);
  if (resource.meta?.lastUpdated !== undefined) response.setHeader('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
}
