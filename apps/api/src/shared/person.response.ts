import { CONSENT_CATEGORIES } from '@passerelle/domain';
import { arrayOf, count, named, object, oneOfValues, orNull, text } from '@passerelle/http';

export const CATEGORY = oneOfValues(CONSENT_CATEGORIES);

/** Her fields a reader may see: only those of the categories consent opens to it, each group present only then. */
export const PERSON_VIEW = named(
  'PersonView',
  object(
    {
      givenName: text(),
      familyName: text(),
      birthDate: text({ format: 'date' }),
      nationality: text({ pattern: '^[A-Z]{2}$' }),
      phone: text(),
      email: text(),
      languages: arrayOf(text()),
      health: object({ notes: text() }, ['notes']),
      legal: object({ notes: text(), residenceStatus: text() }, ['notes', 'residenceStatus']),
      vulnerability: object({ notes: text() }, ['notes']),
      children: object({ notes: text(), count: count() }, ['notes', 'count']),
      categories: arrayOf(CATEGORY, { description: 'The categories shown' }),
    },
    ['givenName', 'familyName', 'birthDate', 'nationality', 'phone', 'email', 'languages', 'health', 'legal', 'vulnerability', 'children'],
  ),
);

/** How a read shows her: her fields (null when none may be shown), the categories shown, and whether she was erased. */
export const PERSON_ACCESS = {
  person: orNull(PERSON_VIEW),
  visibleCategories: arrayOf(CATEGORY),
  erased: { type: 'boolean', description: 'She was erased at her request: nothing about her can be read any more' },
};

export const PERSON_EXAMPLE = {
  givenName: 'Awa',
  familyName: 'Diallo',
  birthDate: '1994-03-02',
  nationality: 'CI',
  categories: ['identity'],
};
