import type { ConsentTerms, IdentifyPerson } from '../case/case.commands';
import type { ConsentGranted, ConsentWithdrawn, PersonErased, PersonIdentified } from '../case/case.events';
import type { OrganisationRegistered } from '../organisation/organisation.events';
import type { ReferralMade } from '../referral/referral.events';
import type { CaseState } from '../case/case.state';
import type { OrganisationState } from '../organisation/organisation.state';
import type { Actor, CommandMetadata } from '../shared/metadata';
import type { OrganisationKind, Role, Service } from '../shared/vocabulary';

/** Shared test data for the domain's unit specs (imported by specs only): a small network and a case held by an NGO. */
export const NOW = new Date('2026-11-22T10:00:00.000Z');
export const CASE_ID = '7f1d2c3a-0000-4000-8000-000000000001';
export const REFERRAL_ID = '7f1d2c3a-0000-4000-8000-0000000000aa';

export const ASSO = 'asso-93';
export const REFUGE = 'refuge-75';
export const CLINIC = 'clinic-13';
export const POLICE = 'police-93';

export const actor = (organisationId: string, organisationKind: OrganisationKind | null, role: Role = 'partner'): Actor => ({
  organisationId,
  organisationKind,
  role,
  keyId: `key-${organisationId}-${role}`,
});
export const asso = actor(ASSO, 'ngo');
export const refuge = actor(REFUGE, 'refuge');
export const clinic = actor(CLINIC, 'health');
export const police = actor(POLICE, 'authority');
export const admin = actor('passerelle', null, 'network_admin');
export const coordinator = actor('network', null, 'coordinator');
/** People: an org_admin and a caseworker of the refuge, signed in (no key). */
export const person = (organisationId: string, organisationKind: OrganisationKind | null, role: Role, personId: string): Actor => ({
  organisationId,
  organisationKind,
  role,
  keyId: null,
  personId,
});
export const refugeAdmin = person(REFUGE, 'refuge', 'org_admin', 'person-refuge-admin');
export const refugeCaseworker = person(REFUGE, 'refuge', 'caseworker', 'person-refuge-caseworker');

export const by = (who: Actor, now: Date = NOW): CommandMetadata => ({ now, actor: who });
export const at = (iso: string) => new Date(iso);
/** An ISO instant `seconds` away from NOW. */
export const fromNow = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();

export const identified = (data: Partial<PersonIdentified['data']> = {}): PersonIdentified => ({
  type: 'PersonIdentified',
  data: {
    caseId: CASE_ID,
    identifiedBy: ASSO,
    identifierKind: 'ngo',
    level: 'presumed',
    indicators: ['trafficking_sexual'],
    department: '93',
    ageBand: '25-34',
    safety: { doNotContact: false, safeChannel: 'phone' },
    personal: { identity: 'sealed:identity', contact: 'sealed:contact' },
    ...data,
  },
});

export const terms = (data: Partial<ConsentTerms> = {}): ConsentTerms => ({
  consentId: 'consent-1',
  recipients: [REFUGE],
  categories: ['identity', 'contact', 'vulnerability'],
  purposes: ['referral', 'coordination'],
  expiresAt: null,
  method: 'verbal',
  language: 'fr',
  ...data,
});

export const consentGranted = (data: Partial<ConsentTerms> = {}, recordedBy = ASSO): ConsentGranted => {
  const { consentId, recipients, categories, purposes, expiresAt, method, language } = terms(data);
  return {
    type: 'ConsentGranted',
    data: { caseId: CASE_ID, consentId, recipients, categories, purposes, expiresAt, method, language, recordedBy },
  };
};

export const identify = (who: Actor, data: Partial<IdentifyPerson['data']> = {}): IdentifyPerson => {
  const { caseId, level, indicators, department, ageBand, safety, personal } = identified().data;
  return {
    type: 'IdentifyPerson',
    data: {
      caseId,
      level,
      indicators,
      department,
      ageBand,
      birthDateAgeBand: null,
      safety,
      personal,
      consent: null,
      unknownRecipients: [],
      ...data,
    },
    metadata: by(who),
  };
};

/** An open case held by ASSO with the given consents. */
export const openCase = (...consents: (Partial<ConsentTerms> & { withdrawn?: boolean })[]): CaseState => ({
  status: 'open',
  caseId: CASE_ID,
  holder: ASSO,
  holderKind: 'ngo',
  level: 'presumed',
  indicators: ['trafficking_sexual'],
  department: '93',
  consents: consents.map(({ withdrawn = false, ...data }) => {
    const { consentId, recipients, categories, purposes, expiresAt } = terms(data);
    return { consentId, recipients, categories, purposes, expiresAt, withdrawn };
  }),
});

export const registered = (
  organisationId: string,
  kind: OrganisationKind,
  services: Extract<OrganisationState, { status: 'registered' }>['services'],
): OrganisationState => ({
  status: 'registered',
  organisationId,
  name: organisationId,
  kind,
  department: '75',
  services,
  contact: null,
  capacity: {},
  members: {},
  invitations: {},
  keys: {},
});

export const consentWithdrawn = (consentId = 'consent-1', by = ASSO): ConsentWithdrawn => ({
  type: 'ConsentWithdrawn',
  data: { caseId: CASE_ID, consentId, reason: null, by },
});

export const personErased = (requestedBy = ASSO): PersonErased => ({ type: 'PersonErased', data: { caseId: CASE_ID, requestedBy } });

export const organisationRegistered = (organisationId: string, kind: OrganisationKind, services: Service[]): OrganisationRegistered => ({
  type: 'OrganisationRegistered',
  data: { organisationId, name: organisationId, kind, department: '75', services },
});

/** ASSO refers the case to REFUGE for a specialised shelter, sharing identity and contact. */
export const referralMade = (data: Partial<ReferralMade['data']> = {}): ReferralMade => ({
  type: 'ReferralMade',
  data: {
    referralId: REFERRAL_ID,
    caseId: CASE_ID,
    from: ASSO,
    to: REFUGE,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity', 'contact'],
    message: null,
    respondBy: null,
    ...data,
  },
});
