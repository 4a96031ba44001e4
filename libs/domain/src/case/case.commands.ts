import type { CommandMetadata, SealedPersonal, SealedText } from '../shared/metadata';
import type {
  AgeBand,
  ConsentCategory,
  ConsentMethod,
  ConsentPurpose,
  IdentificationLevel,
  Indicator,
  SafeChannel,
} from '../shared/vocabulary';

export interface ConsentTerms {
  consentId: string;
  recipients: string[];
  categories: ConsentCategory[];
  purposes: ConsentPurpose[];
  expiresAt: string | null;
  method: ConsentMethod;
  language: string | null;
}

export type IdentifyPerson = {
  type: 'IdentifyPerson';
  data: {
    caseId: string;
    level: IdentificationLevel;
    indicators: Indicator[];
    department: string;
    ageBand: AgeBand;
    /** The band her birth date gives on the day of identification (age-band.ts), when a birth date is given. */
    birthDateAgeBand: AgeBand | null;
    safety: { doNotContact: boolean; safeChannel: SafeChannel };
    personal: SealedPersonal;
    consent: ConsentTerms | null;
    /** Organisation ids named as consent recipients that are not in the directory (checked by the handler). */
    unknownRecipients: string[];
  };
  metadata: CommandMetadata;
};

export type GrantConsent = {
  type: 'GrantConsent';
  data: { caseId: string; consent: ConsentTerms; unknownRecipients: string[] };
  metadata: CommandMetadata;
};

export type WithdrawConsent = {
  type: 'WithdrawConsent';
  /** The reason arrives sealed (libs/privacy): the domain only carries the ciphertext. */
  data: { caseId: string; consentId: string; reason: SealedText };
  metadata: CommandMetadata;
};

export type ErasePerson = {
  type: 'ErasePerson';
  data: { caseId: string };
  metadata: CommandMetadata;
};

export type CaseCommand = IdentifyPerson | GrantConsent | WithdrawConsent | ErasePerson;
