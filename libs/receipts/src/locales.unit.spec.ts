import { TO_BE_REVIEWED, type ReceiptLocale } from './locale';
import { RECEIPT_LOCALES } from './locales';
import { directionOf, RECEIPT_LANGUAGES, receiptLanguageFor } from './receipt-languages';

/** Every string of a locale, by its path (`receipt.title`), so two languages can be compared key by key. */
function strings(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') found.set(path, value);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) for (const [p, s] of strings(inner, path ? `${path}.${key}` : key)) found.set(p, s);
  }
  return found;
}
const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const translated = (locale: ReceiptLocale) => [...strings(locale)].filter(([path]) => path !== 'language' && path !== 'review');

const SCRIPTS: Record<string, RegExp> = {
  ar: /[\u0600-\u06ff]/,
  'fa-AF': /[\u0600-\u06ff]/,
  ps: /[\u0600-\u06ff]/,
  ti: /[\u1200-\u137f]/,
  fr: /[a-zà-ÿ]/i,
  en: /[a-z]/i,
};

describe('receipt translations', () => {
  const english = strings(RECEIPT_LOCALES.en);

  it.each(RECEIPT_LANGUAGES)('%s says every sentence, with the same {slots} as the English', (language) => {
    const locale = RECEIPT_LOCALES[language];
    expect(locale.language).toBe(language);
    expect([...strings(locale).keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of translated(locale)) {
      expect({ path, empty: text.trim() === '' }).toEqual({ path, empty: false });
      expect({ path, slots: slots(text) }).toEqual({ path, slots: slots(english.get(path) ?? '') });
    }
  });

  it.each(RECEIPT_LANGUAGES)('%s is written in its own script, not left in English', (language) => {
    const words = (text: string) => text.replace(/\{\w+\}/g, '');
    // A template made of slots and punctuation only has nothing to translate.
    const untranslated = translated(RECEIPT_LOCALES[language]).filter(
      ([, text]) => /\p{L}/u.test(words(text)) && !SCRIPTS[language]?.test(words(text)),
    );
    expect(untranslated).toEqual([]);
  });

  it('marks each file "to be reviewed by a native speaker" until one has, then names who and when', () => {
    for (const language of RECEIPT_LANGUAGES) {
      expect(RECEIPT_LOCALES[language].review).toMatch(new RegExp(`^(${TO_BE_REVIEWED}|reviewed by .+, \\d{4}-\\d{2}-\\d{2})$`));
    }
    // Today none has been: this list shrinks as native speakers read them.
    expect(RECEIPT_LANGUAGES.filter((language) => RECEIPT_LOCALES[language].review === TO_BE_REVIEWED)).toEqual([
      'fr',
      'en',
      'ar',
      'fa-AF',
      'ps',
      'ti',
    ]);
  });

  it('lays Arabic, Dari and Pashto out right to left, the others left to right', () => {
    expect(RECEIPT_LANGUAGES.filter((language) => directionOf(language) === 'rtl')).toEqual(['ar', 'fa-AF', 'ps']);
  });

  it('picks her language from the code her consent was explained in, French when none matches', () => {
    expect(['prs', 'fa', 'fa-AF', 'pbt', 'ps', 'tir', 'ti-ER', 'ar', 'ara', 'EN', 'dyu', null].map(receiptLanguageFor)).toEqual([
      'fa-AF',
      'fa-AF',
      'fa-AF',
      'ps',
      'ps',
      'ti',
      'ti',
      'ar',
      'ar',
      'en',
      'fr',
      'fr',
    ]);
  });
});
