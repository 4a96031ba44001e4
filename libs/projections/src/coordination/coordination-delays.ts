import type { DataSource } from 'typeorm';
import { DELAYS, type DelayMeasure } from './coordination-cells';
import { SqlParams, type CoordinationFilter } from './coordination-filter';

/** Whole months of identification, as 'YYYY-MM-01' days: [from, until). Absent bounds are open. */
export interface MonthRange {
  from?: string;
  until?: string;
}

/** Cells of the months in the range; with a bound, the month-less cells of referrals whose case is unknown are left out, as a join would. */
export function monthConditions(range: MonthRange, params: SqlParams, alias = ''): string[] {
  const where: string[] = [];
  if (range.from) where.push(`${alias}month >= ${params.add(range.from)}::date`);
  if (range.until) where.push(`${alias}month < ${params.add(range.until)}::date`);
  if (where.length > 0) where.push(`${alias}month > '-infinity'::date`);
  return where;
}

/** Conditions on the case (alias `c`) for the same months. */
export function caseMonthConditions(range: MonthRange, params: SqlParams): string[] {
  const where: string[] = [];
  if (range.from) where.push(`c.identified_at >= ${params.add(`${range.from}T00:00:00Z`)}::timestamptz`);
  if (range.until) where.push(`c.identified_at < ${params.add(`${range.until}T00:00:00Z`)}::timestamptz`);
  return where;
}

const PERCENTILES = [0.5, 0.9] as const;
const DAY = 86_400_000;

/** [median, p90] in days as `percentile_cont(ARRAY[0.5, 0.9])` returns them (spreadOf rounds); null over no row. */
export type RawSpread = number[] | null;

/** The period as whole months, or null when it starts or ends inside a month (the cells cannot answer it). */
export function wholeMonths(filter: Pick<CoordinationFilter, 'from' | 'to'>): MonthRange | null {
  if (filter.from && !filter.from.endsWith('-01')) return null;
  if (!filter.to) return { from: filter.from };
  const next = new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY);
  return next.getUTCDate() === 1 ? { from: filter.from, until: next.toISOString().slice(0, 10) } : null;
}

/**
 * Median and 90th percentile of each funnel delay over the cases identified in `range` (and their
 * referrals), equal to what `percentile_cont` over every row gives: the histogram in
 * coordination_delay_cells tells in which bucket the ranks fall, then one statement reads the exact
 * values at those ranks from the rows, walking the delay's index from the bucket's lower bound.
 */
export async function delaySpreads(dataSource: DataSource, range: MonthRange): Promise<Record<DelayMeasure, RawSpread>> {
  const params = new SqlParams();
  const months = monthConditions(range, params);
  const histogram: { measure: DelayMeasure; bucket: string; count: string }[] = await dataSource.query(
    `
    SELECT measure, bucket, sum(count) AS count FROM coordination_delay_cells ${months.length > 0 ? `WHERE ${months.join(' AND ')}` : ''}
    GROUP BY measure, bucket HAVING sum(count) <> 0 ORDER BY measure, bucket`,
    params.values,
  );
  const reads: { measure: DelayMeasure; percentile: number; position: number; bucket: number; offset: number }[] = [];
  const totals = {} as Record<DelayMeasure, number>;
  for (const measure of Object.keys(DELAYS) as DelayMeasure[]) {
    const buckets = histogram
      .filter((row) => row.measure === measure)
      .map((row) => ({ bucket: Number(row.bucket), count: Number(row.count) }));
    const n = buckets.reduce((sum, row) => sum + row.count, 0);
    totals[measure] = n;
    if (n === 0) continue;
    for (const percentile of PERCENTILES) {
      // percentile_cont: the values at ranks floor and ceil of p·(n−1), interpolated.
      const position = percentile * (n - 1);
      let rank = Math.floor(position);
      for (const { bucket, count } of buckets) {
        if (rank < count) {
          reads.push({ measure, percentile, position, bucket, offset: rank });
          break;
        }
        rank -= count;
      }
    }
  }
  const values = await readAtRanks(dataSource, range, reads);
  const spread = (measure: DelayMeasure): RawSpread => {
    if (totals[measure] === 0) return null;
    return PERCENTILES.map((percentile) => {
      const index = reads.findIndex((read) => read.measure === measure && read.percentile === percentile);
      const read = reads[index];
      const pair = values[index];
      if (!read || !pair) throw new Error(`coordination delays: no rank read for the ${percentile} percentile of ${measure}`);
      // Rows changed after the histogram was read may leave a rank past them: NaN then, not a made-up value.
      const [low = Number.NaN, high = Number.NaN] = pair;
      const first = Math.floor(read.position);
      return Math.ceil(read.position) === first ? low : low + (high - low) * (read.position - first);
    });
  };
  return { to_referred: spread('to_referred'), to_accepted: spread('to_accepted'), to_closed: spread('to_closed') };
}

/** For each read, the value at its rank and the next one, in one statement. */
async function readAtRanks(
  dataSource: DataSource,
  range: MonthRange,
  reads: { measure: DelayMeasure; bucket: number; offset: number }[],
): Promise<number[][]> {
  if (reads.length === 0) return [];
  const params = new SqlParams();
  const parts = reads.map(({ measure, bucket, offset }, i) => {
    const { table, interval, days, present } = DELAYS[measure];
    const cases = caseMonthConditions(range, params);
    const from =
      table === 'cases'
        ? 'coordination_cases c'
        : `coordination_referrals r${cases.length > 0 ? ' JOIN coordination_cases c ON c.case_id = r.case_id' : ''}`;
    const where = [present, `(${interval}) >= make_interval(secs => ${params.add(bucket)})`, ...cases];
    return `SELECT ${i} AS i, ARRAY(SELECT ${days} FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY (${interval}), 1 OFFSET ${params.add(offset)} LIMIT 2) AS v`;
  });
  const rows: { i: number; v: number[] }[] = await dataSource.query(parts.join(' UNION ALL '), params.values);
  const values: number[][] = [];
  for (const row of rows) values[row.i] = row.v.map(Number);
  return values;
}
