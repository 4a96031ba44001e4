import { createHmac } from 'node:crypto';
import { PrivacyError } from './privacy-error';
import { decodeSecret32 } from './secret-bytes';

export const LINKAGE_KEY_VARIABLE = 'PASSERELLE_LINKAGE_KEY';

export interface IdentityInput {
  familyName: string;
  givenNames: string | readonly string[];
  /** `YYYY-MM-DD` (single-digit month/day accepted), an ISO timestamp, or a Date (its UTC day). */
  birthDate: string | Date;
}

export interface NormalisedIdentity {
  /** Every name token, family and given pooled, sorted: who wrote which name where does not matter. */
  nameTokens: string[];
  birthDate: string;
}

/**
 * Letters that NFKD does not decompose into a base letter plus marks (and the final sigma, which
 * upper-casing loses). Apostrophes are removed
 * rather than turned into spaces, so N'Diaye and Ndiaye link.
 */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ς: 'σ' };
const APOSTROPHES = /['’‘ʼʻ`´]/g;

export function nameTokens(names: string): string[] {
  return names
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħς]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(APOSTROPHES, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');
}

const BIRTH_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/;

/** YYYY-MM-DD, or PRIVACY.INVALID_BIRTH_DATE. The year range catches typos such as 0994 or 19944. */
export function normaliseBirthDate(birthDate: string | Date): string {
  const invalid = () => new PrivacyError('PRIVACY.INVALID_BIRTH_DATE', 'birthDate must be a real calendar date written YYYY-MM-DD');
  if (birthDate instanceof Date) {
    if (Number.isNaN(birthDate.getTime())) throw invalid();
    return normaliseBirthDate(birthDate.toISOString().slice(0, 10));
  }
  const match = typeof birthDate === 'string' ? BIRTH_DATE.exec(birthDate.trim()) : null;
  if (match === null) throw invalid();
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2100 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw invalid();
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Removes accents, case, punctuation, extra spaces and name order (docs/architecture.md#encryption-erasure-and-linkage), so that
 * `Fatoumata  DIALLO`, `diallo fatoumata` and `Diallo, Fatoumata` are the same identity
 * however an NGO and an authority split them into family and given names.
 */
export function normaliseIdentity(identity: IdentityInput): NormalisedIdentity {
  const given = typeof identity.givenNames === 'string' ? identity.givenNames : identity.givenNames.join(' ');
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- person.request.dto.ts lets familyName be omitted
  const tokens = [...nameTokens(identity.familyName ?? ''), ...nameTokens(given)].sort();
  // Without a name, every woman born the same day would link: refuse rather than mislink.
  if (tokens.length === 0) throw new PrivacyError('PRIVACY.EMPTY_NAME', 'a linkage key needs at least one letter or digit in the names');
  return { nameTokens: tokens, birthDate: normaliseBirthDate(identity.birthDate) };
}

/**
 * HMAC-SHA256 (hex) of `names|birthDate` under the linkage secret: equal for the same woman
 * identified twice, and useless to anyone without the secret (names and birth dates are too
 * guessable for a plain hash).
 */
export function linkageKey(linkageSecret: Buffer, identity: IdentityInput): string {
  if (linkageSecret.length !== 32) throw new PrivacyError('PRIVACY.INVALID_LINKAGE_KEY', 'the linkage secret is 32 bytes');
  const normalised = normaliseIdentity(identity);
  return createHmac('sha256', linkageSecret)
    .update(`${normalised.nameTokens.join(' ')}|${normalised.birthDate}`, 'utf8')
    .digest('hex');
}

/** Parses the 32-byte base64 linkage secret; the message names the variable, never the value. */
export function parseLinkageSecret(value: string | undefined, variable: string = LINKAGE_KEY_VARIABLE): Buffer {
  if (value === undefined) {
    throw new PrivacyError(
      'PRIVACY.INVALID_LINKAGE_KEY',
      `${variable} is not set: it must be 32 random bytes in base64 (e.g. openssl rand -base64 32)`,
    );
  }
  return decodeSecret32(value, variable, 'PRIVACY.INVALID_LINKAGE_KEY');
}

export const linkageSecretFromEnv = (env: Record<string, string | undefined> = process.env): Buffer =>
  parseLinkageSecret(env[LINKAGE_KEY_VARIABLE]);
