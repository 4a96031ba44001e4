import { AGE_BANDS, CLOSURE_OUTCOMES, ORGANISATION_KINDS, SERVICES, type Indicator } from '@passerelle/domain';
import regions from '@etalab/decoupage-administratif/data/regions.json';

/**
 * The generalised values research may group and filter by (docs/adr/0002-coordination-and-consent.md). Indicators are
 * generalised into families and a case carries the set of its families as one value, so that
 * every dimension is single-valued and cells add up to their totals (which disclosure control
 * relies on).
 */
export const INDICATOR_FAMILIES: Record<string, readonly Indicator[]> = {
  trafficking: ['trafficking_sexual', 'trafficking_labour'],
  gbv: ['gbv_intimate_partner', 'gbv_sexual'],
  harmful_practice: ['fgm', 'forced_marriage'],
  vulnerability: ['lgbtiq', 'pregnant', 'with_children', 'isolated', 'urgent_health'],
};
const FAMILY_NAMES = Object.keys(INDICATOR_FAMILIES).sort();

/** `gbv+trafficking`, families in alphabetical order; `none` for a formal identification without indicator. */
export function indicatorSet(indicators: readonly Indicator[]): string {
  const families = FAMILY_NAMES.filter((family) => (INDICATOR_FAMILIES[family] ?? []).some((indicator) => indicators.includes(indicator)));
  return families.length === 0 ? 'none' : families.join('+');
}

/** Every set value: the non-empty subsets of the families, and `none`. */
export const INDICATOR_SETS = [
  'none',
  ...Array.from({ length: 2 ** FAMILY_NAMES.length - 1 }, (_, mask) => FAMILY_NAMES.filter((_, bit) => ((mask + 1) >> bit) & 1).join('+')),
].sort();

export const OUTCOMES = [
  'pending',
  'accepted',
  'declined',
  'withdrawn',
  ...CLOSURE_OUTCOMES.map((outcome) => `closed_${outcome}`),
] as const;

/** Whole calendar days between the referral and its answer. */
export const DELAY_BANDS = ['same_day', '1-2_days', '3-7_days', '8-30_days', 'over_30_days', 'unanswered'] as const;
export function delayBand(days: number | null): (typeof DELAY_BANDS)[number] {
  if (days === null) return 'unanswered';
  if (days < 1) return 'same_day';
  if (days <= 2) return '1-2_days';
  if (days <= 7) return '3-7_days';
  if (days <= 30) return '8-30_days';
  return 'over_30_days';
}

export const REGION_NAMES = new Map<string, string>(regions.map((region: { code: string; nom: string }) => [region.code, region.nom]));

export const RESEARCH_UNITS = ['referrals', 'identifications'] as const;
export type ResearchUnit = (typeof RESEARCH_UNITS)[number];

/** The dimensions of each unit and the values each can take (the domain noise is added over). */
export const RESEARCH_DIMENSIONS = {
  region: [...REGION_NAMES.keys()],
  organisationKind: [...ORGANISATION_KINDS],
  receiverKind: [...ORGANISATION_KINDS],
  service: [...SERVICES],
  indicatorSet: INDICATOR_SETS,
  ageBand: [...AGE_BANDS],
  outcome: [...OUTCOMES],
  delayBand: [...DELAY_BANDS],
} as const satisfies Record<string, readonly string[]>;
export type ResearchDimension = keyof typeof RESEARCH_DIMENSIONS;

export const DIMENSIONS_OF: Record<ResearchUnit, readonly ResearchDimension[]> = {
  identifications: ['region', 'organisationKind', 'indicatorSet', 'ageBand'],
  referrals: ['region', 'organisationKind', 'receiverKind', 'service', 'indicatorSet', 'ageBand', 'outcome', 'delayBand'],
};
