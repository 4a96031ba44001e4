import type { ConsentCategory, ConsentPurpose, IdentificationLevel, Indicator, OrganisationKind } from '../shared/vocabulary';

export interface Consent {
  consentId: string;
  recipients: string[];
  categories: ConsentCategory[];
  purposes: ConsentPurpose[];
  expiresAt: string | null;
  withdrawn: boolean;
}

/** A union keyed by status, so an erased case cannot carry consents. */
export type CaseState =
  | { status: 'none' }
  | {
      status: 'open';
      caseId: string;
      holder: string;
      holderKind: OrganisationKind;
      level: IdentificationLevel;
      indicators: Indicator[];
      department: string;
      consents: Consent[];
    }
  | { status: 'erased'; caseId: string; holder: string };

export const initialCaseState = (): CaseState => ({ status: 'none' });
