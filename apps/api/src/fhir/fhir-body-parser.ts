import { problemOf } from '@passerelle/http';
import { json, type RequestHandler } from 'express';
import { sendOutcome } from './fhir-outcome';

/**
 * The JSON body parser of the FHIR routes, ahead of the API's own (apps/api/src/http-app.ts): same
 * limit, but a malformed or oversized body is answered as an OperationOutcome, as every FHIR
 * error is, with the status and code the JSON API would give it.
 */
export function fhirBodyParser(limit: string): RequestHandler {
  const parse = json({ limit, type: ['application/json', 'application/*+json'] });
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (error) sendOutcome(response, problemOf(error));
      else next();
    });
  };
}
