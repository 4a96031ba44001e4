import { fhirError } from '../fhir-outcome';
import { referenceId, searchParameters, type RawQuery } from '../fhir-search';

/** `GET /fhir/r4/Consent?patient=Patient/{caseId}`: the case whose consents are asked. */
export function parseConsentSearch(query: RawQuery): string {
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
  return patient;
}
