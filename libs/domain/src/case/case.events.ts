import type { SealedPersonal, SealedText } from '../shared/metadata';
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
    /**
     * Her linkage key is not here: a pseudonym of her is personal data, and erasure could not delete it
     * from an immutable event. It lives in privacy_linkage_keys (docs/adr/0011-linkage-keys-outside-the-events.md);
     * events written before that still carry a `linkageKey` member, which only that table's upkeep reads.
     */
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
  /** `reason` is free text (it may name her): sealed with her case key, unreadable once she is erased. */
  data: { caseId: string; consentId: string; reason: SealedText; by: string };
};

export type PersonErased = {
  type: 'PersonErased';
  data: { caseId: string; requestedBy: string };
};

export type CaseEvent = PersonIdentified | ConsentGranted | ConsentWithdrawn | PersonErased;
export const CASE_EVENT_TYPES = ['PersonIdentified', 'ConsentGranted', 'ConsentWithdrawn', 'PersonErased'] as const;
export const caseStream = (caseId: string) => `case-${caseId}`;
