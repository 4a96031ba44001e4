import type { Actor } from '@passerelle/domain';
import type { FhirRequestUrls } from '../fhir-http';

export class ReadFhirConsentQuery {
  constructor(
    readonly actor: Actor,
    readonly consentId: string,
    readonly now: Date,
  ) {}
}

/** `Consent?patient=Patient/{caseId}`: her consents, for the partner holding her case. */
export class SearchFhirConsentsQuery {
  constructor(
    readonly actor: Actor,
    readonly caseId: string,
    readonly now: Date,
    readonly urls: FhirRequestUrls,
  ) {}
}
