import { jsonBodyOptions, problemOf } from '@passerelle/http';
import { json, type RequestHandler } from 'express';
import { sendOutcome } from './fhir-outcome';

/**
 * The JSON body parser of the FHIR routes, ahead of the API's own (apps/api/src/http-app.ts): same
 * limits of size and depth, but a malformed or oversized body is answered as an OperationOutcome, as every FHIR
 * error is, with the status and code the JSON API would give it.
 */
export function fhirBodyParser(limit: string): RequestHandler {
  const parse = json(jsonBodyOptions(limit));
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (error) sendOutcome(response, problemOf(error));
      else next();
    });
  };
}

/** What the FHIR routes need before any controller: no caching (a Patient is her data), then the body parser. */
export function fhirTransport(limit: string): RequestHandler[] {
  const noStore: RequestHandler = (_request, response, next) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  };
  return [noStore, fhirBodyParser(limit)];
}
