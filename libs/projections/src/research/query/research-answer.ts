import { unprocessable } from '@passerelle/domain';
import type { DataSource } from 'typeorm';
import { controlledTable, OTHER } from '../disclosure/disclosure-control';
import type { DiscreteLaplace } from '../disclosure/discrete-laplace';
import { REGION_NAMES, RESEARCH_DIMENSIONS } from '../research.vocabulary';
import { loadYear } from './research-data';
import type { QueryDimension, ResearchQuery } from './research-request';

export interface ResearchRow {
  values: Partial<Record<QueryDimension, string>>;
  count: number | null;
  suppressed: boolean;
  medianDelayDays?: number | null;
}

export interface ResearchAnswer {
  rows: ResearchRow[];
  /** Values shown only inside `other`, per dimension. */
  recoded: Record<string, string[]>;
}

/** Referrals of one case counted at most this often in a noisy answer: the noise's sensitivity. */
export const REFERRALS_PER_CASE = 3;
export const sensitivityOf = (query: ResearchQuery) => (query.unit === 'referrals' ? REFERRALS_PER_CASE : 1);

/**
 * Answers a parsed question. Without ε: exact counts under disclosure control (rare values recoded,
 * small cells suppressed with their complements), medians only where k or more delays back them.
 * With ε: every cell of the domain (empty ones too, or their absence would show) gets discrete
 * Laplace noise, and noisy counts under k are withheld, which as post-processing costs no privacy.
 */
export class ResearchAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly k: number,
  ) {}

  async exact(query: ResearchQuery, now: Date): Promise<ResearchAnswer> {
    const { base, dims } = await loadYear(this.dataSource, query.unit, query.year, now);
    const table = controlledTable(base, dims, query.tableDims, this.k);
    for (const [dim, value] of Object.entries(query.filters)) {
      if (table.labelOf(dim, value) === OTHER) {
        throw unprocessable(
          'RESEARCH.VALUE_TOO_RARE',
          // Not "fewer than k": a common value may be merged too, to bring "other" up to k (libs/projections/src/research/disclosure/rare-values.ts).
          `${dim}=${displayValue(dim, value, query.year)} is only shown inside "other" this year: values seen fewer than ${this.k} times are, with as many others as it takes for "other" to reach ${this.k} ${query.unit}`,
          { field: `filters.${dim}`, filter: dim },
        );
      }
    }
    const delays = new Map<string, number[]>();
    for (const row of base) {
      const key = query.tableDims.map((dim) => table.labelOf(dim, row.values[dim] ?? '')).join('\u0001');
      delays.set(key, [...(delays.get(key) ?? []), ...row.delays]);
    }
    const rows = table.cells
      .filter((cell) => Object.entries(query.filters).every(([dim, value]) => cell.values[dim] === value))
      .map((cell): ResearchRow => {
        const published = cell.suppressed === null;
        const row: ResearchRow = { values: pick(cell.values, query.groupBy), count: published ? cell.count : null, suppressed: !published };
        if (query.measures.includes('medianDelay')) {
          const values = delays.get(query.tableDims.map((dim) => cell.values[dim]).join('\u0001')) ?? [];
          row.medianDelayDays = published && values.length >= this.k ? median(values) : null;
        }
        return row;
      });
    return { rows: sortRows(rows, query.groupBy), recoded: table.merged };
  }

  async noisy(query: ResearchQuery, now: Date, noise: DiscreteLaplace): Promise<ResearchAnswer> {
    const { epsilon } = query;
    if (epsilon === null) throw new Error("ResearchAnswers.noisy: a noisy answer needs the query's ε");
    const bounded = query.unit === 'referrals' ? REFERRALS_PER_CASE : undefined;
    const { base } = await loadYear(this.dataSource, query.unit, query.year, now, { bounded, where: query.filters });
    const counts = new Map<string, number>();
    for (const row of base) {
      const key = query.groupBy.map((dim) => row.values[dim]).join('\u0001');
      counts.set(key, (counts.get(key) ?? 0) + row.count);
    }
    const rows: ResearchRow[] = [];
    for (const values of domain(query.groupBy)) {
      const noisy = (counts.get(query.groupBy.map((dim) => values[dim]).join('\u0001')) ?? 0) + noise.sample(epsilon, sensitivityOf(query));
      if (noisy >= this.k) rows.push({ values, count: noisy, suppressed: false });
      else if (noisy >= 1) rows.push({ values, count: null, suppressed: true });
    }
    return { rows: sortRows(rows, query.groupBy), recoded: {} };
  }
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Every combination of values of the grouped dimensions. */
function domain(dims: readonly QueryDimension[]): Partial<Record<QueryDimension, string>>[] {
  return dims.reduce<Partial<Record<QueryDimension, string>>[]>(
    (combinations, dim) =>
      combinations.flatMap((combination) =>
        (dim === 'month' ? MONTHS : (RESEARCH_DIMENSIONS[dim] as readonly string[])).map((value) => ({ ...combination, [dim]: value })),
      ),
    [{}],
  );
}

/** The grouped values of a cell; every grouped dimension is one of the table's, so none is missing. */
const pick = (values: Record<string, string>, dims: readonly QueryDimension[]) =>
  Object.fromEntries(dims.flatMap((dim) => (values[dim] === undefined ? [] : [[dim, values[dim]]])));

function sortRows(rows: ResearchRow[], dims: readonly QueryDimension[]): ResearchRow[] {
  const key = (row: ResearchRow) => dims.map((dim) => row.values[dim] ?? '').join('\u0001');
  return rows.sort((a, b) => key(a).localeCompare(key(b)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)];
  const high = sorted[Math.ceil(middle)];
  // No values: no median (only called with k or more).
  if (low === undefined || high === undefined) return Number.NaN;
  return (low + high) / 2;
}

/** How a value is shown: régions by name, months as YYYY-MM. */
export function displayValue(dim: string, value: string, year: number): string {
  if (value === OTHER) return value;
  if (dim === 'region') return REGION_NAMES.get(value) ?? value;
  if (dim === 'month') return `${year}-${value}`;
  return value;
}
