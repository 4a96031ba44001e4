import { en } from './en';
import { fr, type MessageKey } from './fr';
import { vocabularyLabels } from './vocabulary-labels';

export type Language = 'fr' | 'en';
export type { MessageKey };

// Partial: a key built from an API value may name no message (see t below).
const dictionaries: Record<Language, Partial<Record<MessageKey, string>>> = { fr, en };
/** The language choice is not personal data, so it may outlive the tab (unlike the key). */
const STORAGE_KEY = 'passerelle.console.language';

let current: Language = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';

export const language = (): Language => current;

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** A message with `{name}` placeholders filled in; values are inserted as text, never as markup. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  // A key built from an API value (a new funnel stage, say) may be missing: show the key, never crash.
  return (dictionaries[current][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The word for a vocabulary value (`label('service', 'legal')`), or the value itself if unknown. */
export const label = (kind: string, value: string): string => vocabularyLabels[current][`${kind}.${value}`] ?? value;

export const formatDate = (iso: string | null | undefined): string =>
  iso
    ? new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
    : t('app.none');

/** To the second: webhook attempts retried within the same minute must read apart. */
export const formatInstant = (iso: string): string =>
  new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

export const formatNumber = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined
    ? t('app.none')
    : new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value);

export const formatPercent = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined
    ? t('app.none')
    : new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
