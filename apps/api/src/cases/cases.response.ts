import { AGE_BANDS, CONSENT_PURPOSES, IDENTIFICATION_LEVELS, INDICATORS, SAFE_CHANNELS, CONSENT_METHODS } from '@passerelle/domain';
import {
  arrayOf,
  boolean,
  constant,
  count,
  INSTANT,
  named,
  object,
  oneOfValues,
  orNull,
  ORGANISATION_ID_SCHEMA,
  POSITION,
  text,
  UUID,
} from '@passerelle/http';
import { CATEGORY, PERSON_EXAMPLE, PERSON_VIEW } from '../shared/person.response';

const CASE_ID = '3133ef55-032c-50a4-91f0-06a158068faa';
const CONSENT_ID = 'b78fa971-e7b7-5092-b490-d42ad4cb8844';

export const CASE_IDENTIFIED = named(
  'CaseIdentified',
  object({ caseId: UUID, consentId: orNull(UUID), position: POSITION }, [], {
    description: 'consentId is null when she gave no consent yet',
  }),
);
export const CASE_IDENTIFIED_EXAMPLE = { caseId: CASE_ID, consentId: CONSENT_ID, position: '13' };

export const CONSENT_GRANTED = named('ConsentGranted', object({ caseId: UUID, consentId: UUID, position: POSITION }));
export const CONSENT_GRANTED_EXAMPLE = { caseId: CASE_ID, consentId: CONSENT_ID, position: '14' };

export const CONSENT_WITHDRAWN = named(
  'ConsentWithdrawn',
  object({ caseId: UUID, consentId: UUID, withdrawn: constant(true), position: POSITION }),
);
export const CONSENT_WITHDRAWN_EXAMPLE = { ...CONSENT_GRANTED_EXAMPLE, withdrawn: true, position: '21' };

export const PERSON_ERASED = named('PersonErased', object({ caseId: UUID, erased: constant(true), position: POSITION }));
export const PERSON_ERASED_EXAMPLE = { caseId: CASE_ID, erased: true, position: '29' };

const SAFETY = object({ safeChannel: oneOfValues(SAFE_CHANNELS), doNotContact: boolean() }, [], {
  description: 'How she may be contacted safely',
});

export const CASE_VIEW = named(
  'Case',
  object(
    {
      caseId: UUID,
      status: oneOfValues(['open', 'erased']),
      holder: ORGANISATION_ID_SCHEMA,
      identifiedAt: orNull(INSTANT),
      safety: orNull(SAFETY),
      ageBand: orNull(oneOfValues(AGE_BANDS)),
      level: oneOfValues(IDENTIFICATION_LEVELS),
      indicators: arrayOf(oneOfValues(INDICATORS)),
      department: text({ example: '93' }),
      consents: arrayOf(
        object({
          consentId: UUID,
          recipients: arrayOf(text()),
          categories: arrayOf(CATEGORY),
          purposes: arrayOf(oneOfValues(CONSENT_PURPOSES)),
          expiresAt: orNull(INSTANT),
          withdrawn: boolean(),
          withdrawalReason: orNull(text()),
        }),
        { description: 'Her consents: for the organisation holding her case only' },
      ),
      person: orNull(PERSON_VIEW),
      categories: arrayOf(CATEGORY, { description: 'The categories of her data this reader sees' }),
      erased: boolean(),
    },
    ['level', 'indicators', 'department', 'consents'],
    { description: 'level, indicators and department while her case is open; consents for its holder only' },
  ),
);
export const CASE_EXAMPLE = {
  caseId: CASE_ID,
  status: 'open',
  holder: 'asso-93',
  identifiedAt: '2026-12-03T10:34:14.284Z',
  safety: { safeChannel: 'sms', doNotContact: false },
  ageBand: '25-34',
  level: 'presumed',
  indicators: ['trafficking_sexual'],
  department: '93',
  consents: [
    {
      consentId: CONSENT_ID,
      recipients: ['refuge-93'],
      categories: ['identity'],
      purposes: ['referral'],
      expiresAt: null,
      withdrawn: false,
      withdrawalReason: null,
    },
  ],
  person: PERSON_EXAMPLE,
  categories: ['identity'],
  erased: false,
};

export const ACCESS_LOG = named(
  'AccessLog',
  object({
    caseId: UUID,
    entries: arrayOf(
      object({
        readAt: INSTANT,
        organisationId: ORGANISATION_ID_SCHEMA,
        keyId: orNull(text()),
        personId: orNull(text()),
        via: text({ example: 'case' }),
        referralId: orNull(UUID),
        categories: arrayOf(CATEGORY),
      }),
    ),
    nextCursor: orNull(text({ description: 'Pass as cursor for the next page; null on the last' })),
  }),
);
export const ACCESS_LOG_EXAMPLE = {
  caseId: CASE_ID,
  entries: [
    {
      readAt: '2026-12-03T10:34:31.382Z',
      organisationId: 'refuge-93',
      keyId: 'f53b83b9-54b9-5b93-9974-95b40b4a28fc',
      personId: null,
      via: 'case',
      referralId: null,
      categories: ['identity', 'contact'],
    },
  ],
  nextCursor: null,
};

const ORGANISATION = object({
  organisationId: text(),
  name: text(),
  contact: orNull(object({ phone: orNull(text()), email: orNull(text()) })),
});
const LANGUAGE = {
  language: text({ example: 'fr' }),
  direction: oneOfValues(['ltr', 'rtl']),
  review: text({ description: 'Whether the words of this language were reviewed by a native speaker' }),
};
const SMS = object(
  {
    text: text(),
    encoding: oneOfValues(['GSM-7', 'UCS-2']),
    characters: count(),
    segments: count(),
    safeToSend: boolean(),
    safety: orNull(SAFETY),
  },
  [],
  {
    description: 'The SMS text, and whether her safety instructions allow sending it',
  },
);
const DOCUMENT = { type: 'object', description: 'The printable document: its title and sections, in her language' };

export const CONSENT_RECEIPT = named(
  'ConsentReceipt',
  object({
    caseId: UUID,
    reference: text(),
    issuedAt: INSTANT,
    holder: ORGANISATION,
    consents: arrayOf(
      object({
        consentId: UUID,
        status: oneOfValues(['active', 'withdrawn', 'expired']),
        recipients: arrayOf(object({ organisationId: text(), name: orNull(text()) })),
        categories: arrayOf(CATEGORY),
        purposes: arrayOf(oneOfValues(CONSENT_PURPOSES)),
        method: oneOfValues(CONSENT_METHODS),
        explainedIn: orNull(text()),
        grantedAt: INSTANT,
        expiresAt: orNull(INSTANT),
        endedAt: orNull(INSTANT),
      }),
    ),
    ...LANGUAGE,
    document: DOCUMENT,
    sms: SMS,
  }),
);

export const ACCESS_REPORT = named(
  'AccessReport',
  object({
    caseId: UUID,
    reference: text(),
    issuedAt: INSTANT,
    holder: ORGANISATION,
    days: arrayOf(
      object({
        day: text({ format: 'date' }),
        organisationId: text(),
        name: text(),
        role: orNull(text()),
        categories: arrayOf(CATEGORY),
        times: count(),
        firstAt: INSTANT,
        lastAt: INSTANT,
      }),
    ),
    organisations: arrayOf(
      object({
        organisationId: text(),
        name: text(),
        roles: arrayOf(text()),
        categories: arrayOf(CATEGORY),
        times: count(),
        firstAt: INSTANT,
        lastAt: INSTANT,
      }),
      { description: 'The same reads, per organisation' },
    ),
    complete: boolean({ description: 'false when the report stops at its line limit' }),
    ...LANGUAGE,
    document: DOCUMENT,
    sms: SMS,
  }),
);

const DOCUMENT_EXAMPLE = { title: 'Reçu de consentement', sections: [] };
const SMS_EXAMPLE = {
  text: 'Passerelle : votre consentement est enregistré (réf. 3133-EF55).',
  encoding: 'GSM-7',
  characters: 64,
  segments: 1,
  safeToSend: true,
  safety: { safeChannel: 'sms', doNotContact: false },
};
const HOLDER_EXAMPLE = { organisationId: 'asso-93', name: 'Association 93', contact: { phone: '+33100000000', email: null } };
export const CONSENT_RECEIPT_EXAMPLE = {
  caseId: CASE_ID,
  reference: '3133-EF55',
  issuedAt: '2026-12-03T10:40:00.000Z',
  holder: HOLDER_EXAMPLE,
  consents: [
    {
      consentId: CONSENT_ID,
      status: 'active',
      recipients: [{ organisationId: 'refuge-93', name: 'Refuge 93' }],
      categories: ['identity', 'contact'],
      purposes: ['referral'],
      method: 'verbal',
      explainedIn: 'fr',
      grantedAt: '2026-12-03T10:34:14.284Z',
      expiresAt: null,
      endedAt: null,
    },
  ],
  language: 'fr',
  direction: 'ltr',
  review: 'reviewed',
  document: DOCUMENT_EXAMPLE,
  sms: SMS_EXAMPLE,
};
export const ACCESS_REPORT_EXAMPLE = {
  caseId: CASE_ID,
  reference: '3133-EF55',
  issuedAt: '2026-12-03T10:40:00.000Z',
  holder: HOLDER_EXAMPLE,
  days: [
    {
      day: '2026-12-03',
      organisationId: 'refuge-93',
      name: 'Refuge 93',
      role: null,
      categories: ['identity'],
      times: 2,
      firstAt: '2026-12-03T10:35:00.000Z',
      lastAt: '2026-12-03T10:36:00.000Z',
    },
  ],
  organisations: [
    {
      organisationId: 'refuge-93',
      name: 'Refuge 93',
      roles: [],
      categories: ['identity'],
      times: 2,
      firstAt: '2026-12-03T10:35:00.000Z',
      lastAt: '2026-12-03T10:36:00.000Z',
    },
  ],
  complete: true,
  language: 'fr',
  direction: 'ltr',
  review: 'reviewed',
  document: { ...DOCUMENT_EXAMPLE, title: 'Qui a consulté vos données' },
  sms: SMS_EXAMPLE,
};
