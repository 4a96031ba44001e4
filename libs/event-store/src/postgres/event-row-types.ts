import { types, type CustomTypesConfig } from 'pg';

type TypeId = Parameters<typeof types.getTypeParser>[0];

const TIMESTAMPTZ = types.builtins.TIMESTAMPTZ;
const generalParser = types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date;

const digit = (text: string, at: number) => {
  const value = text.charCodeAt(at) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
};
const twoDigits = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

/**
 * A `timestamptz` as PostgreSQL writes it with DateStyle ISO (`2026-01-05 17:30:42.436123+00`,
 * `…+05:30`), read digit by digit; anything else (infinity, BC, years before 1000, seconds in the
 * offset) goes to pg's general parser, whose regular expressions cost a replay as much memory as
 * the events' own rows. Like it, it keeps the milliseconds and drops the rest of the fraction.
 */
export function parseTimestamptz(text: string): Date {
  if (text.length < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') {
    return generalParser(text);
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  let at = 19;
  let millis = 0;
  if (text[at] === '.') {
    at++;
    for (let scale = 100; at < text.length && digit(text, at) >= 0; at++, scale /= 10) {
      if (scale >= 1) millis += digit(text, at) * scale;
    }
  }
  const sign = text[at] === '+' ? 1 : text[at] === '-' ? -1 : 0;
  const offsetHours = twoDigits(text, at + 1);
  at += 3;
  let offsetMinutes = 0;
  if (text[at] === ':') {
    offsetMinutes = twoDigits(text, at + 1);
    at += 3;
  }
  const utc = Date.UTC(
    year,
    twoDigits(text, 5) - 1,
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
    millis,
  );
  if (sign === 0 || at !== text.length || year < 1000 || Number.isNaN(utc + offsetHours + offsetMinutes)) return generalParser(text);
  return new Date(utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** The type parsers the store's reads use: pg's, but `recorded_at` through {@link parseTimestamptz}. */
const getTypeParser = (oid: TypeId, format?: 'text' | 'binary'): unknown =>
  oid === TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : (types.getTypeParser(oid, format ?? 'text') as unknown);

export const EVENT_ROW_TYPES: CustomTypesConfig = { getTypeParser };
