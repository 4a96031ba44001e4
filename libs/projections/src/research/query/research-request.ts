import { unprocessable } from '@passerelle/domain';
import { MAX_DIMENSIONS } from '../disclosure/disclosure-control';
import { DIMENSIONS_OF, REGION_NAMES, RESEARCH_DIMENSIONS, type ResearchDimension, type ResearchUnit } from '../research.vocabulary';

export const MEASURES = ['count', 'medianDelay'] as const;
export type Measure = (typeof MEASURES)[number];

/** A researcher's question as sent (field names checked by the HTTP layer, meaning checked here). */
export interface ResearchRequest {
  unit?: ResearchUnit;
  groupBy: string[];
  measures?: string[];
  filters: Record<string, string>;
  epsilon?: number;
}

/** `month` is a dimension like the others, its values `01`..`12` inside the year. */
export type QueryDimension = ResearchDimension | 'month';

export interface ResearchQuery {
  unit: ResearchUnit;
  year: number;
  groupBy: QueryDimension[];
  /** Equality filters, the period's month included when the period is one month. */
  filters: Partial<Record<QueryDimension, string>>;
  measures: Measure[];
  epsilon: number | null;
  /** The dimensions of the table the answer is cut from: grouped and filtered ones. */
  tableDims: QueryDimension[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Checks what a question means, with a coded 422 for each way it can be wrong. The period is a
 * calendar year or one of its months, never an arbitrary range: two overlapping ranges would
 * differ by a few months, and that difference could be a count nobody may see.
 */
export function parseResearchRequest(request: ResearchRequest): ResearchQuery {
  const unit = request.unit ?? 'referrals';
  const dims: readonly string[] = [...DIMENSIONS_OF[unit], 'month'];
  for (const dim of request.groupBy) {
    if (!dims.includes(dim))
      throw unprocessable('RESEARCH.UNKNOWN_DIMENSION', `"${dim}" is not a dimension of ${unit}; use ${dims.join(', ')}`, {
        field: 'groupBy',
        dimension: dim,
        allowed: dims,
      });
  }
  if (new Set(request.groupBy).size !== request.groupBy.length)
    throw unprocessable('RESEARCH.DUPLICATE_DIMENSION', 'A dimension appears twice in groupBy', { field: 'groupBy' });
  const { from, to, ...equalities } = request.filters;
  const { year, month } = period(from, to);
  const filters: ResearchQuery['filters'] = {};
  for (const [dim, raw] of Object.entries(equalities)) {
    if (!dims.includes(dim) || dim === 'month')
      throw unprocessable(
        'RESEARCH.UNKNOWN_FILTER',
        `"${dim}" is not a filter of ${unit}; use from, to, ${DIMENSIONS_OF[unit].join(', ')}`,
        { field: `filters.${dim}`, filter: dim },
      );
    filters[dim as ResearchDimension] = value(dim as ResearchDimension, raw);
  }
  if (month !== null) filters.month = month;
  const groupBy = request.groupBy as QueryDimension[];
  const both = groupBy.filter((dim) => filters[dim] !== undefined);
  if (both.length > 0) {
    const detail = both.includes('month') ? 'group by month over a whole year' : `"${both[0]}" is both grouped and filtered`;
    throw unprocessable('RESEARCH.FILTERED_AND_GROUPED', `A dimension cannot be grouped and filtered at once: ${detail}`, {
      field: 'groupBy',
      dimensions: both,
    });
  }
  const tableDims = [...groupBy, ...(Object.keys(filters) as QueryDimension[])];
  if (tableDims.length > MAX_DIMENSIONS) {
    throw unprocessable(
      'RESEARCH.TOO_MANY_DIMENSIONS',
      `At most ${MAX_DIMENSIONS} dimensions, grouped and filtered together (a one-month period counts as one): more would cut cells too small to protect`,
      { field: 'groupBy', dimensions: tableDims },
    );
  }
  const measures = (request.measures ?? ['count']) as Measure[];
  for (const measure of measures) {
    if (!MEASURES.includes(measure) || (measure === 'medianDelay' && unit !== 'referrals')) {
      throw unprocessable(
        'RESEARCH.UNKNOWN_MEASURE',
        `"${measure}" is not a measure of ${unit}; use count${unit === 'referrals' ? ', medianDelay' : ''}`,
        { field: 'measures', measure },
      );
    }
  }
  const epsilon = request.epsilon ?? null;
  if (epsilon !== null && (!(epsilon > 0) || Math.round(epsilon * 1000) !== epsilon * 1000)) {
    throw unprocessable('RESEARCH.BAD_EPSILON', 'epsilon must be a positive number with at most three decimals', { field: 'epsilon' });
  }
  if (epsilon !== null && measures.includes('medianDelay')) {
    throw unprocessable(
      'RESEARCH.MEDIAN_WITH_NOISE',
      'With epsilon only counts are answered: a noisy median would need a budget of its own',
      { field: 'measures' },
    );
  }
  return { unit, year, groupBy, filters, measures, epsilon, tableDims };
}

function period(from: string | undefined, to: string | undefined): { year: number; month: string | null } {
  const start = MONTH.exec(from ?? '');
  const end = MONTH.exec(to ?? '');
  if (!start || !end) {
    throw unprocessable('RESEARCH.BAD_PERIOD', 'filters.from and filters.to are months written YYYY-MM', {
      field: start ? 'filters.to' : 'filters.from',
    });
  }
  const months = (Number(end[1]) - Number(start[1])) * 12 + Number(end[2]) - Number(start[2]) + 1;
  if (months < 1) throw unprocessable('RESEARCH.BAD_PERIOD', 'The period ends before it starts', { field: 'filters.to' });
  if (months > 12 || start[1] !== end[1]) {
    throw unprocessable('RESEARCH.PERIOD_TOO_LONG', 'A period is one calendar year at most; ask year by year', { field: 'filters.to' });
  }
  if (months === 12) return { year: Number(start[1]), month: null };
  // MONTH's groups are not optional: a match always has its month.
  if (months === 1) return { year: Number(start[1]), month: start[2] ?? '' };
  throw unprocessable(
    'RESEARCH.UNALIGNED_PERIOD',
    'The period is a whole calendar year (YYYY-01 to YYYY-12) or one month; group by month for a series',
    { field: 'filters.to' },
  );
}

/** A filter value from its vocabulary; a région by its code or its name. */
function value(dim: ResearchDimension, raw: string): string {
  if (dim === 'region') {
    const code = REGION_NAMES.has(raw) ? raw : [...REGION_NAMES].find(([, name]) => name === raw)?.[0];
    if (code) return code;
  } else if ((RESEARCH_DIMENSIONS[dim] as readonly string[]).includes(raw)) return raw;
  throw unprocessable('RESEARCH.UNKNOWN_VALUE', `filters.${dim} is not one of its values`, { field: `filters.${dim}`, filter: dim });
}
