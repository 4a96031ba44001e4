/**
 * The languages her receipt and her access report are written in: the languages of the women the
 * network meets most, beside French and English. Arabic, Dari and Pashto are written right to left.
 * Pure data, imported by the API and the console alike (apps/console/src/views/partner/documents.view.ts).
 */
/** What a translation file says until a native speaker has read it (locales.unit.spec.ts lists the files still marked). */
export const TO_BE_REVIEWED = 'to be reviewed by a native speaker';

export const RECEIPT_LANGUAGES = ['fr', 'en', 'ar', 'fa-AF', 'ps', 'ti'] as const;
export type ReceiptLanguage = (typeof RECEIPT_LANGUAGES)[number];

/** Each language's own name for itself, so she can find hers in a list she cannot otherwise read. */
export const RECEIPT_LANGUAGE_NAMES: Record<ReceiptLanguage, string> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  'fa-AF': 'دری',
  ps: 'پښتو',
  ti: 'ትግርኛ',
};

const RIGHT_TO_LEFT: readonly ReceiptLanguage[] = ['ar', 'fa-AF', 'ps'];

export const directionOf = (language: ReceiptLanguage): 'ltr' | 'rtl' => (RIGHT_TO_LEFT.includes(language) ? 'rtl' : 'ltr');

/** French and English: the only ones an SMS may carry in GSM-7. */
export const isLatinScript = (language: ReceiptLanguage): boolean => language === 'fr' || language === 'en';

export const isReceiptLanguage = (value: unknown): value is ReceiptLanguage =>
  typeof value === 'string' && (RECEIPT_LANGUAGES as readonly string[]).includes(value);

/**
 * Codes a consent may name for the language it was explained in (ISO 639-1 or -3, or a BCP 47 tag),
 * mapped to a receipt language: Dari is `prs` (or Persian `fa`), Pashto `ps`/`pus`/`pbt`/`pbu`.
 */
const ALIASES: Record<string, ReceiptLanguage> = {
  fr: 'fr',
  fra: 'fr',
  fre: 'fr',
  en: 'en',
  eng: 'en',
  ar: 'ar',
  ara: 'ar',
  fa: 'fa-AF',
  fas: 'fa-AF',
  per: 'fa-AF',
  prs: 'fa-AF',
  ps: 'ps',
  pus: 'ps',
  pbt: 'ps',
  pbu: 'ps',
  ti: 'ti',
  tir: 'ti',
};

/** The receipt language for the language her consent was explained in; French when there is none to match. */
export function receiptLanguageFor(consentLanguage: string | null | undefined): ReceiptLanguage {
  const primary = (consentLanguage ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return ALIASES[primary] ?? 'fr';
}
