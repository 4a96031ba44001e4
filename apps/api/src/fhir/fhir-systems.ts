/**
 * The canonical URLs the FHIR facade writes (docs/fhir.md lists every one): Passerelle's own code
 * systems and extensions under one base, and the HL7 ones the SDOH Clinical Care IG's
 * referral-management pattern uses.
 */
const BASE = 'https://passerelle.network/fhir';

export const CODE_SYSTEM = {
  service: `${BASE}/CodeSystem/service`,
  referralStatus: `${BASE}/CodeSystem/referral-status`,
  declineReason: `${BASE}/CodeSystem/decline-reason`,
  withdrawalReason: `${BASE}/CodeSystem/withdrawal-reason`,
  closureOutcome: `${BASE}/CodeSystem/closure-outcome`,
  organisationKind: `${BASE}/CodeSystem/organisation-kind`,
  consentCategory: `${BASE}/CodeSystem/consent-category`,
  consentPurpose: `${BASE}/CodeSystem/consent-purpose`,
  /** The stable `code` of a problem (libs/domain/src/shared/error-codes.ts), in OperationOutcome.issue.details. */
  errorCode: `${BASE}/CodeSystem/error-code`,
  /** Identifiers: the Passerelle id of an organisation or a referral. */
  organisationId: `${BASE}/sid/organisation-id`,
  referralId: `${BASE}/sid/referral-id`,
  // HL7
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  sdohTemporary: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  iso3166: 'urn:iso:std:iso:3166',
  bcp47: 'urn:ietf:bcp:47',
  departement: 'https://www.insee.fr/fr/information/2560452',
} as const;

export const EXTENSION = {
  respondBy: `${BASE}/StructureDefinition/respond-by`,
  sharedCategories: `${BASE}/StructureDefinition/shared-categories`,
  department: `${BASE}/StructureDefinition/department`,
  declaredCapacity: `${BASE}/StructureDefinition/declared-capacity`,
  personNotes: `${BASE}/StructureDefinition/person-notes`,
  consentMethod: `${BASE}/StructureDefinition/consent-method`,
  // HL7
  sdohCapacityStatus: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus',
  patientNationality: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
} as const;

/** The legal basis her consent is recorded under: the GDPR, whose article 9 asks explicit consent for such data. */
export const GDPR = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
