import type { ConsentCategory } from '@passerelle/domain';
import type { Extension, Patient } from 'fhir/r4';
import { CONSENT_CATEGORY_NAMES } from '../../shared/vocabulary-names';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';

/** Her case as GET /v1/cases/{caseId} answers the reader: `person` holds only the categories consent lets it see. */
export interface CaseAsSeen {
  caseId: string;
  person: Record<string, unknown> | null;
  categories: ConsentCategory[];
  erased: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * Her case as a Patient, holding only what consent lets this reader see, category by category
 * (docs/fhir.md#patient): identity → name, birthDate, nationality; contact → telecom and
 * languages; the notes of health, legal, vulnerability and children → one extension each. The
 * categories shown are tagged in `meta.tag`, so a reader can tell "not shared" from "not known".
 */
export function casePatient(seen: CaseAsSeen): Patient {
  const person = seen.person ?? {};
  const patient: Patient = {
    resourceType: 'Patient',
    id: seen.caseId,
    meta: { tag: seen.categories.map((code) => ({ system: CODE_SYSTEM.consentCategory, code, display: CONSENT_CATEGORY_NAMES[code] })) },
  };
  const family = text(person.familyName);
  const given = text(person.givenName);
  if (family || given) patient.name = [{ ...(family ? { family } : {}), ...(given ? { given: [given] } : {}) }];
  const birthDate = text(person.birthDate);
  if (birthDate) patient.birthDate = birthDate;
  const telecom: NonNullable<Patient['telecom']> = [];
  const phone = text(person.phone);
  const email = text(person.email);
  if (phone) telecom.push({ system: 'phone', value: phone });
  if (email) telecom.push({ system: 'email', value: email });
  if (telecom.length > 0) patient.telecom = telecom;
  const languages = Array.isArray(person.languages) ? person.languages.filter((l): l is string => typeof l === 'string') : [];
  if (languages.length > 0)
    patient.communication = languages.map((code) => ({ language: { coding: [{ system: CODE_SYSTEM.bcp47, code }] } }));
  const extension: Extension[] = [];
  const nationality = text(person.nationality);
  if (nationality) {
    extension.push({
      url: EXTENSION.patientNationality,
      extension: [{ url: 'code', valueCodeableConcept: { coding: [{ system: CODE_SYSTEM.iso3166, code: nationality }] } }],
    });
  }
  for (const category of ['health', 'legal', 'vulnerability', 'children'] as const) {
    const notes = record(person[category]);
    if (notes) extension.push(notesExtension(category, notes));
  }
  if (extension.length > 0) patient.extension = extension;
  return patient;
}

/** One category's free-text fields (and the number of children), as the JSON API carries them. */
function notesExtension(category: ConsentCategory, fields: Record<string, unknown>): Extension {
  const parts: Extension[] = [{ url: 'category', valueCode: category }];
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value !== '') parts.push({ url: name, valueString: value });
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) parts.push({ url: name, valueUnsignedInt: value });
  }
  return { url: EXTENSION.personNotes, extension: parts };
}
