/** Her personal data as a command carries it, grouped later by consent category (person.mapping.ts). */
export interface PersonInput {
  givenName?: string | undefined;
  familyName?: string | undefined;
  birthDate?: string | undefined;
  nationality?: string | undefined;
  languages?: string[] | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  health?: { notes?: string | undefined } | undefined;
  legal?: { notes?: string | undefined; residenceStatus?: string | undefined } | undefined;
  vulnerability?: { notes?: string | undefined } | undefined;
  children?: { notes?: string | undefined; count?: number | undefined } | undefined;
}

/** Her consent as a command carries it. */
export interface ConsentInput {
  recipients: string[];
  categories: import('@passerelle/domain').ConsentCategory[];
  purposes: import('@passerelle/domain').ConsentPurpose[];
  expiresAt?: string | null | undefined;
  method: import('@passerelle/domain').ConsentMethod;
  language?: string | undefined;
}
