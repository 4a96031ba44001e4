import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';

/**
 * Countries by their ISO 3166-1 alpha-2 code, from the maintained `i18n-iso-countries` package,
 * never a hand-written table; with French and English names for the console's nationality list.
 * Pure data (no validator here), so the console can import it.
 */
countries.registerLocale(en);
countries.registerLocale(fr);

export interface Country {
  code: string;
  fr: string;
  en: string;
}

export const COUNTRIES: readonly Country[] = Object.keys(countries.getAlpha2Codes())
  .sort()
  .map((code) => ({ code, fr: countries.getName(code, 'fr') ?? code, en: countries.getName(code, 'en') ?? code }));

const CODES: ReadonlySet<string> = new Set(COUNTRIES.map((country) => country.code));

/** An upper-case ISO 3166-1 alpha-2 code of a country (`CI`, `UA`); `ci` or `XX` are not. */
export const isCountryCode = (code: unknown): code is string => typeof code === 'string' && CODES.has(code);
