import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * What a caseworker would expect the API to catch in her identity and contact details: a birth
 * date that cannot be hers, a phone number that cannot be dialled, a language tag nobody can read.
 * Each check names the field and never repeats what was typed.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Nobody identified today was born before 1900; earlier years are typing slips (1094 for 1994). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';
/** Today anywhere on Earth (UTC+14): a birth "today" in Paris is not refused at 23:30 UTC. */
const latestBirthDate = (now: Date) => new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);

export function isBirthDate(value: unknown, now = new Date()): boolean {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  const real = !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  return real && value >= EARLIEST_BIRTH_DATE && value <= latestBirthDate(now);
}

export function IsBirthDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBirthDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date written YYYY-MM-DD, from ${EARLIEST_BIRTH_DATE} to today`, ...options },
      validator: { validate: (value: unknown) => isBirthDate(value) },
    });
}

/** RFC 5646 asks implementations to take tags of 35 characters at least; longer ones are not languages. */
const MAX_TAG = 35;

/** A well-formed BCP 47 language tag (`fr`, `dyu`, `prs`, `fr-CI`, `zh-Hant-TW`), by the runtime's own parser (ECMA-402). */
export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TAG) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/**
 * The tag in the case RFC 5646 §2.1.1 recommends (`FR-ci` → `fr-CI`), nothing else changed: an
 * alias is kept as she said it (`prs` stays Dari, not CLDR's `fa-AF`).
 */
export function caseLanguageTag(value: unknown): unknown {
  if (!isLanguageTag(value)) return value;
  return value
    .split('-')
    .map((subtag, index, all) => {
      const afterSingleton = all.slice(0, index).some((s) => s.length === 1);
      if (index === 0 || afterSingleton) return subtag.toLowerCase();
      if (subtag.length === 4 && /^[A-Za-z]+$/.test(subtag)) return subtag.charAt(0).toUpperCase() + subtag.slice(1).toLowerCase();
      if (subtag.length === 2 || /^\d{3}$/.test(subtag)) return subtag.toUpperCase();
      return subtag.toLowerCase();
    })
    .join('-');
}

export function IsLanguageTag(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLanguageTag',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be BCP 47 language tags such as fr, dyu or fr-CI`, ...options },
      validator: { validate: (value: unknown) => isLanguageTag(value) },
    });
}
