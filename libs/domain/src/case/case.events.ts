import type { SealedPersonal } from '../shared/metadata';
import type {
  AgeBand,
  ConsentCategory,
  ConsentMethod,
  ConsentPurpose,
  IdentificationLevel,
  Indicator,
  OrganisationKind,
  SafeChannel,
} from '../shared/vocabulary';

/** Events of a `case-<uuid>` stream (docs/architecture.md#streams-and-events). Typed data, not classes. */
export type PersonIdentified = {
  type: 'PersonIdentified';
  data: {
    caseId: string;
    identifiedBy: string;
    identifierKind: OrganisationKind;
    level: IdentificationLevel;
    indicators: Indicator[];
    department: string;
    ageBand: AgeBand;
    safety: { doNotContact: boolean; safeChannel: SafeChannel };
    /** HMAC of the normalised name and birth date: links identifications of the same woman without revealing her. */
    linkageKey: string | null;
    personal: SealedPersonal;
  };
};

export type ConsentGranted = {
  type: 'ConsentGranted';
  data: {
    caseId: string;
    consentId: string;
    recipients: string[];
    categories: ConsentCategory[];
    purposes: ConsentPurpose[];
    expiresAt: string | null;
    method: ConsentMethod;
    language: string | null;
    recordedBy: string;
  };
};

export type ConsentWithdrawn = {
  type: 'ConsentWithdrawn';
  data: { caseId: string; consentId: string; reason: string | null; by: string };
};

export type PersonErased = {
  type: 'PersonErased';
  data: { caseId: string; requestedBy: string };
};

export type CaseEvent = PersonIdentified | ConsentGranted | ConsentWithdrawn | PersonErased;
export const CASE_EVENT_TYPES = ['PersonIdentified', 'ConsentGranted', 'ConsentWithdrawn', 'PersonErased'] as const;
export const caseStream = (caseId: string) => `case-${caseId}`;
