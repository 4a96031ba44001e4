import { parseResearchRequest, type ResearchRequest } from './research-request';

const YEAR = { from: '2026-01', to: '2026-12' };
const code = (request: ResearchRequest) => {
  try {
    parseResearchRequest(request);
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
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
    ['a period of years', { groupBy: ['region'], filters: { from: '2025-01', to: '2026-12' } }, 'RESEARCH.PERIOD_TOO_LONG'],
    ['a period across two years', { groupBy: ['region'], filters: { from: '2025-07', to: '2026-06' } }, 'RESEARCH.PERIOD_TOO_LONG'],
    ['a range inside a year', { groupBy: ['region'], filters: { from: '2026-02', to: '2026-05' } }, 'RESEARCH.UNALIGNED_PERIOD'],
    ['a period ending before it starts', { groupBy: ['region'], filters: { from: '2026-05', to: '2026-02' } }, 'RESEARCH.BAD_PERIOD'],
    ['an unknown dimension', { groupBy: ['nationality'], filters: YEAR }, 'RESEARCH.UNKNOWN_DIMENSION'],
    [
      'a referral dimension for identifications',
      { unit: 'identifications' as const, groupBy: ['service'], filters: YEAR },
      'RESEARCH.UNKNOWN_DIMENSION',
    ],
    ['an unknown filter', { groupBy: ['region'], filters: { ...YEAR, department: '93' } }, 'RESEARCH.UNKNOWN_FILTER'],
    ['an unknown value', { groupBy: ['region'], filters: { ...YEAR, ageBand: '30-40' } }, 'RESEARCH.UNKNOWN_VALUE'],
    [
      'three dimensions with a filter',
      { groupBy: ['region', 'service'], filters: { ...YEAR, ageBand: '25-34' } },
      'RESEARCH.TOO_MANY_DIMENSIONS',
    ],
    [
      'a one-month period and two dimensions',
      { groupBy: ['region', 'service'], filters: { from: '2026-03', to: '2026-03' } },
      'RESEARCH.TOO_MANY_DIMENSIONS',
    ],
    ['a month series over one month', { groupBy: ['month'], filters: { from: '2026-03', to: '2026-03' } }, 'RESEARCH.FILTERED_AND_GROUPED'],
    ['ε = 0', { groupBy: ['region'], filters: YEAR, epsilon: 0 }, 'RESEARCH.BAD_EPSILON'],
    ['a negative ε', { groupBy: ['region'], filters: YEAR, epsilon: -0.5 }, 'RESEARCH.BAD_EPSILON'],
    ['ε with more than three decimals', { groupBy: ['region'], filters: YEAR, epsilon: 0.0001 }, 'RESEARCH.BAD_EPSILON'],
    ['a noisy median', { groupBy: ['region'], filters: YEAR, epsilon: 1, measures: ['medianDelay'] }, 'RESEARCH.MEDIAN_WITH_NOISE'],
    [
      'a median of identifications',
      { unit: 'identifications' as const, groupBy: ['region'], filters: YEAR, measures: ['medianDelay'] },
      'RESEARCH.UNKNOWN_MEASURE',
    ],
  ])('refuses %s', (_what, request, expected) => {
    expect(code(request)).toBe(expected);
  });
});
