import type { AgeBand } from '../shared/vocabulary';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The age band a birth date (YYYY-MM-DD) gives on a day, in UTC like every instant here; null
 * when the date cannot be read. A band stated with the identification must agree with it.
 */
export function ageBandOn(birthDate: string, at: Date): AgeBand | null {
  const match = DAY.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const beforeBirthday = at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day);
  const age = at.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
  if (age < 0) return null;
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}
