import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ReceiptLanguage } from './receipt-languages';

/** A number as it is read and dialled (`+33 1 48 00 00 00`), from the E.164 the API stores (`+33148000000`). */
export const readablePhone = (phone: string): string => parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;

/** The network works in France: days and times on her papers are those of Paris. */
export const RECEIPT_TIME_ZONE = 'Europe/Paris';

/** Left-to-right mark: keeps `+33 1 23 45 67 89` in order inside right-to-left SMS text. */
const LRM = '\u200e';

/**
 * Intl locale per language: British English writes the day first; Dari and Pashto default to the
 * solar hijri calendar, but every date on her French papers is Gregorian, so the calendar is fixed.
 */
const LOCALES: Record<ReceiptLanguage, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar', 'fa-AF': 'fa-AF', ps: 'ps', ti: 'ti' };

const zoned = { timeZone: RECEIPT_TIME_ZONE, calendar: 'gregory' } as const;

export const longDate = (language: ReceiptLanguage, iso: string): string =>
  new Intl.DateTimeFormat(LOCALES[language], { ...zoned, dateStyle: 'long' }).format(new Date(iso));

export const dateTime = (language: ReceiptLanguage, iso: string): string =>
  new Intl.DateTimeFormat(LOCALES[language], { ...zoned, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** `31/12/2026` in Latin digits whatever the language: short, and the way dates are written on French papers. */
export function smsDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { ...zoned, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(
    new Date(iso),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')}`;
}

/** The calendar day in Paris of an instant, as YYYY-MM-DD. */
export function parisDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { ...zoned, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** `a, b and c` in her language. */
export const list = (language: ReceiptLanguage, items: readonly string[]): string =>
  new Intl.ListFormat(LOCALES[language], { type: 'conjunction' }).format(items);

export const count = (language: ReceiptLanguage, value: number): string => new Intl.NumberFormat(LOCALES[language]).format(value);

/** The name of a language (the one her consent was explained in) in her language, or the code when unknown. */
export function languageName(language: ReceiptLanguage, code: string): string {
  try {
    return new Intl.DisplayNames([LOCALES[language]], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A phone number or an address inside SMS text: anchored left to right in right-to-left languages. */
export const ltrInSms = (direction: 'ltr' | 'rtl', value: string): string => (direction === 'rtl' ? `${LRM}${value}` : value);

/** Fills `{name}` slots; a slot without a value stays as it is, which the locale tests would catch. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** A short reference for her paper: the first eight hex digits of the case id, grouped by four. */
export function receiptReference(caseId: string): string {
  const hex = caseId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}
