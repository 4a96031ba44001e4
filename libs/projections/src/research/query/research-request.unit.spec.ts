import { parseResearchRequest, type ResearchRequest } from './research-request';

const YEAR = { from: '2026-01', to: '2026-12' };
/** The refusal's code and the field it names (details.field), which a client shows beside that field. */
const refusal = (request: ResearchRequest) => {
  try {
    parseResearchRequest(request);
    return 'accepted';
  } catch (error) {
    const { code, details } = error as { code: string; details?: { field?: string } };
    return [code, details?.field];
  }
};

describe('a research question', () => {
  it('reads the design example: région × service over a calendar year, counts, no noise', () => {
    expect(parseResearchRequest({ groupBy: ['region', 'service'], measures: ['count'], filters: YEAR })).toEqual({
      unit: 'referrals',
      year: 2026,
      groupBy: ['region', 'service'],
      filters: {},
      measures: ['count'],
      epsilon: null,
      tableDims: ['region', 'service'],
    });
  });

  it('turns a one-month period into a filter on the month, and a région name into its code', () => {
    expect(parseResearchRequest({ groupBy: ['service'], filters: { from: '2026-06', to: '2026-06' } }).filters).toEqual({ month: '06' });
    expect(parseResearchRequest({ groupBy: ['service'], filters: { ...YEAR, region: 'Île-de-France' } }).filters).toEqual({ region: '11' });
  });

  it.each([
    ['a period of years', { groupBy: ['region'], filters: { from: '2025-01', to: '2026-12' } }, ['RESEARCH.PERIOD_TOO_LONG', 'filters.to']],
    [
      'a period across two years',
      { groupBy: ['region'], filters: { from: '2025-07', to: '2026-06' } },
      ['RESEARCH.PERIOD_TOO_LONG', 'filters.to'],
    ],
    [
      'a range inside a year',
      { groupBy: ['region'], filters: { from: '2026-02', to: '2026-05' } },
      ['RESEARCH.UNALIGNED_PERIOD', 'filters.to'],
    ],
    ['a dimension twice', { groupBy: ['region', 'region'], filters: YEAR }, ['RESEARCH.DUPLICATE_DIMENSION', 'groupBy']],
    [
      'a period ending before it starts',
      { groupBy: ['region'], filters: { from: '2026-05', to: '2026-02' } },
      ['RESEARCH.BAD_PERIOD', 'filters.to'],
    ],
    ['an unknown dimension', { groupBy: ['nationality'], filters: YEAR }, ['RESEARCH.UNKNOWN_DIMENSION', 'groupBy']],
    [
      'a referral dimension for identifications',
      { unit: 'identifications' as const, groupBy: ['service'], filters: YEAR },
      ['RESEARCH.UNKNOWN_DIMENSION', 'groupBy'],
    ],
    [
      'an unknown filter',
      { groupBy: ['region'], filters: { ...YEAR, department: '93' } },
      ['RESEARCH.UNKNOWN_FILTER', 'filters.department'],
    ],
    ['an unknown value', { groupBy: ['region'], filters: { ...YEAR, ageBand: '30-40' } }, ['RESEARCH.UNKNOWN_VALUE', 'filters.ageBand']],
    [
      'three dimensions with a filter',
      { groupBy: ['region', 'service'], filters: { ...YEAR, ageBand: '25-34' } },
      ['RESEARCH.TOO_MANY_DIMENSIONS', 'groupBy'],
    ],
    [
      'a one-month period and two dimensions',
      { groupBy: ['region', 'service'], filters: { from: '2026-03', to: '2026-03' } },
      ['RESEARCH.TOO_MANY_DIMENSIONS', 'groupBy'],
    ],
    [
      'a month series over one month',
      { groupBy: ['month'], filters: { from: '2026-03', to: '2026-03' } },
      ['RESEARCH.FILTERED_AND_GROUPED', 'groupBy'],
    ],
    ['ε = 0', { groupBy: ['region'], filters: YEAR, epsilon: 0 }, ['RESEARCH.BAD_EPSILON', 'epsilon']],
    ['a negative ε', { groupBy: ['region'], filters: YEAR, epsilon: -0.5 }, ['RESEARCH.BAD_EPSILON', 'epsilon']],
    ['ε with more than three decimals', { groupBy: ['region'], filters: YEAR, epsilon: 0.0001 }, ['RESEARCH.BAD_EPSILON', 'epsilon']],
    [
      'a noisy median',
      { groupBy: ['region'], filters: YEAR, epsilon: 1, measures: ['medianDelay'] },
      ['RESEARCH.MEDIAN_WITH_NOISE', 'measures'],
    ],
    [
      'a median of identifications',
      { unit: 'identifications' as const, groupBy: ['region'], filters: YEAR, measures: ['medianDelay'] },
      ['RESEARCH.UNKNOWN_MEASURE', 'measures'],
    ],
  ])('refuses %s, naming the field at fault', (_what, request, expected) => {
    expect(refusal(request)).toEqual(expected);
  });
});
