/**
 * The API's vocabularies, imported from the domain library itself (pure TypeScript, no I/O) so the
 * console's forms can never offer a value the API would refuse. Départements come from the same
 * official Etalab dataset the API validates against.
 */
import departements from '@etalab/decoupage-administratif/data/departements.json';

export {
  AGE_BANDS,
  CLOSURE_OUTCOMES,
  CONSENT_CATEGORIES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DECLINE_REASONS,
  IDENTIFICATION_LEVELS,
  INDICATORS,
  ROLES,
  SAFE_CHANNELS,
  SERVICES,
  URGENCIES,
  WITHDRAWAL_REASONS,
  ANY_REFERRAL_RECIPIENT,
} from '../../../libs/domain/src/shared/vocabulary';
export type { Role } from '../../../libs/domain/src/shared/vocabulary';

/** Nationalities: ISO 3166-1 alpha-2 codes with French and English names, from the list the API checks against. */
export { COUNTRIES, type Country } from '../../../libs/geography/src/countries';

export const DEPARTMENTS: readonly { code: string; name: string }[] = (departements as { code: string; nom: string }[]).map((d) => ({
  code: d.code,
  name: d.nom,
}));

export const departmentLabel = (code: string | null | undefined): string => {
  if (!code) return '';
  const found = DEPARTMENTS.find((d) => d.code === code);
  return found ? `${found.code} ${found.name}` : code;
};

/**
 * Research dimensions by unit of count (generalised rows only: docs/adr/0002-coordination-and-consent.md), as the research API
 * allows them; the API checks them again and answers 422 for anything else.
 */
export const RESEARCH_UNITS = ['referrals', 'identifications'] as const;
export const RESEARCH_DIMENSIONS: Record<(typeof RESEARCH_UNITS)[number], readonly string[]> = {
  identifications: ['month', 'region', 'organisationKind', 'indicatorSet', 'ageBand'],
  referrals: ['month', 'region', 'organisationKind', 'receiverKind', 'service', 'indicatorSet', 'ageBand', 'outcome', 'delayBand'],
};
export const RESEARCH_MAX_DIMENSIONS = 2;
