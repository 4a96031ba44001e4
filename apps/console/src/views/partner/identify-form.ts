import type { Me, Organisation } from '../../api/types';
import { label, language, t } from '../../i18n/i18n';
import { checkedValues, fieldValue, h } from '../../ui/dom';
import { choices, field, fieldset, input, select } from '../../ui/forms';
import {
  AGE_BANDS,
  ANY_REFERRAL_RECIPIENT,
  COUNTRIES,
  CONSENT_CATEGORIES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DEPARTMENTS,
  IDENTIFICATION_LEVELS,
  INDICATORS,
  SAFE_CHANNELS,
} from '../../vocabulary';

const options = (kind: string, values: readonly string[]) => values.map((value) => ({ value, label: label(kind, value) }));
// Personal fields: the browser is asked not to remember or suggest them on a shared device.
const personal = (name: string, type = 'text', extra: Record<string, string | boolean> = {}) =>
  input(name, type, { autocomplete: 'off', ...extra });

/** Countries by their name in the console's language; the API receives the ISO code. */
const nationalities = () => {
  const lang = language();
  return COUNTRIES.map((country) => ({ value: country.code, label: country[lang] })).sort((a, b) => a.label.localeCompare(b.label, lang));
};

export function personFields(): HTMLFieldSetElement {
  return fieldset(
    t('identify.person'),
    field(t('person.givenName'), personal('givenName', 'text', { maxlength: '200' })),
    field(t('person.familyName'), personal('familyName', 'text', { maxlength: '200' })),
    // The API refuses a birth date before 1900 or after today; the date picker says so first.
    field(t('person.birthDate'), personal('birthDate', 'date', { min: '1900-01-01', max: new Date().toISOString().slice(0, 10) })),
    field(t('person.nationality'), select('nationality', nationalities(), { empty: t('app.choose') })),
    field(t('person.languages'), personal('languages')),
    field(t('person.phone'), personal('phone', 'tel')),
    field(t('person.email'), personal('email', 'email')),
  );
}

/** Only an authority may record a formal identification (docs/architecture.md#referral-state-machine): others see it disabled, with why. */
export function identificationFields(me: Me): HTMLFieldSetElement {
  const authority = me.organisationKind === 'authority';
  return fieldset(
    t('identify.identification'),
    choices(
      t('identify.level'),
      'level',
      IDENTIFICATION_LEVELS.map((v) => ({ value: v, label: label('level', v), disabled: v === 'formal' && !authority })),
      { type: 'radio', checked: ['presumed'], hint: authority ? undefined : t('identify.formalHint') },
    ),
    choices(t('identify.indicators'), 'indicators', options('indicator', INDICATORS)),
    field(
      t('identify.department'),
      select(
        'department',
        DEPARTMENTS.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
        { required: true, empty: t('app.choose') },
      ),
    ),
    field(t('identify.ageBand'), select('ageBand', options('ageBand', AGE_BANDS), { required: true, value: 'unknown' })),
    h(
      'div',
      { class: 'choice' },
      h('input', { type: 'checkbox', id: 'doNotContact', name: 'doNotContact' }),
      h('label', { for: 'doNotContact' }, t('identify.doNotContact')),
    ),
    field(
      t('identify.safeChannel'),
      select('safeChannel', options('safeChannel', SAFE_CHANNELS), { required: true, value: 'through_referrer' }),
    ),
  );
}

/** Her consent: who, which data, what for, until when, how it was given and in which language. */
export function consentFields(directory: Organisation[], me: Me): HTMLFieldSetElement {
  const recipients = [
    { value: ANY_REFERRAL_RECIPIENT, label: t('identify.anyRecipient') },
    ...directory
      .filter((o) => o.id !== me.organisationId)
      .map((o) => ({ value: o.id, label: `${o.name} (${label('kind', o.kind)}, ${o.department})` })),
  ];
  return fieldset(
    t('identify.consent'),
    h(
      'div',
      { class: 'choice' },
      h('input', { type: 'checkbox', id: 'consentGiven', name: 'consentGiven', checked: true }),
      h('label', { for: 'consentGiven' }, t('identify.consentGiven')),
    ),
    choices(t('identify.recipients'), 'recipients', recipients, { checked: [ANY_REFERRAL_RECIPIENT] }),
    choices(t('identify.categories'), 'categories', options('category', CONSENT_CATEGORIES), { checked: ['identity', 'contact'] }),
    choices(t('identify.purposes'), 'purposes', options('purpose', CONSENT_PURPOSES), { checked: ['referral'] }),
    field(t('identify.expiresAt'), input('expiresAt', 'date')),
    field(t('identify.method'), select('method', options('method', CONSENT_METHODS), { required: true, value: 'verbal' })),
    field(t('identify.language'), input('consentLanguage', 'text', { value: 'fr', pattern: '[a-z]{2,3}', maxlength: '3' })),
  );
}

export interface ConsentTerms {
  recipients: string[];
  categories: string[];
  purposes: string[];
}

/** The POST /v1/cases body (as in the README's curl walk-through); empty optional fields are left out rather than sent empty. */
export function identifyBody(form: HTMLFormElement): { body: Record<string, unknown>; consent: ConsentTerms | null } {
  const value = (name: string) => fieldValue(form, name);
  const person = Object.fromEntries(
    Object.entries({
      givenName: value('givenName'),
      familyName: value('familyName'),
      birthDate: value('birthDate'),
      nationality: value('nationality'),
      phone: value('phone'),
      email: value('email'),
      languages: value('languages')
        ?.split(/[\s,;]+/)
        .filter(Boolean),
    }).filter(([, v]) => v !== undefined),
  );
  const consentGiven = (form.elements.namedItem('consentGiven') as HTMLInputElement | null)?.checked ?? false;
  const consent = consentGiven
    ? {
        recipients: checkedValues(form, 'recipients'),
        categories: checkedValues(form, 'categories'),
        purposes: checkedValues(form, 'purposes'),
      }
    : null;
  const expires = value('expiresAt');
  const body: Record<string, unknown> = {
    person,
    level: checkedValues(form, 'level')[0] ?? 'presumed',
    indicators: checkedValues(form, 'indicators'),
    department: value('department'),
    ageBand: value('ageBand'),
    safety: {
      doNotContact: (form.elements.namedItem('doNotContact') as HTMLInputElement | null)?.checked ?? false,
      safeChannel: value('safeChannel'),
    },
  };
  if (consent) {
    // A consent "until" a day lasts to the end of that day, in UTC like every instant in the API.
    body.consent = {
      ...consent,
      expiresAt: expires ? `${expires}T23:59:59Z` : null,
      method: value('method'),
      language: value('consentLanguage'),
    };
  }
  return { body, consent };
}
