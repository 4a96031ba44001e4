import { DECLINE_REASONS, type DeclineReason, type Service } from '@passerelle/domain';
import type { DataSource } from 'typeorm';
import { wholeMonths, monthConditions, type MonthRange } from './coordination-delays';
import { periodBounds, SqlParams, whereClause, type CoordinationFilter, type Spread } from './coordination-filter';
import { HOURS_BETWEEN, TIME_TO_PLACE } from './coordination-place-requests';

/** What the coordinator reads about place requests, for the network and per département × service. */
export interface PlaceRequestFigures {
  requests: number;
  placed: number;
  expired: number;
  cancelled: number;
  open: number;
  /** Shelters asked, summed over the requests. */
  recipients: number;
  /** From the request to the first acceptance, in hours, over the requests placed. */
  timeToPlaceHours: Spread;
  declines: Partial<Record<DeclineReason, number>>;
  /** Declines of each reason per request made (two decimals). */
  declinesPerRequest: Partial<Record<DeclineReason, number>>;
  /** Requests that were her first round of shelters, her second, her second or later: `second` women needed more than one round. */
  rounds: { first: number; second: number; later: number };
}

export interface PlaceRequestsView {
  totals: PlaceRequestFigures;
  rows: ({ department: string; service: Service } & PlaceRequestFigures)[];
}

type Filter = Pick<CoordinationFilter, 'from' | 'to' | 'department' | 'service'>;
type Counts = Omit<PlaceRequestFigures, 'timeToPlaceHours' | 'declinesPerRequest'>;
type Row = Record<string, unknown>;
const PERCENTILES = [0.5, 0.9] as const;
const GROUP = (row: Row) => `${String(row.department)}|${String(row.service)}`;

/**
 * Place requests made in the period (docs/adr/0012-place-requests.md): how many, how they ended, the
 * time to place (median, 90th percentile), the declines per reason, and how many women needed more
 * than one round. The period, département (her case's) and service select requests. Whole months
 * are read from the summary cells, exact percentiles included (a histogram tells in which bucket a
 * rank falls, the rows give the value, docs/adr/0009-coordination-summary-cells.md); a period cut
 * inside a month reads the rows. Both give the same figures (coordination-place-requests.int.spec.ts).
 */
export class CoordinationPlaceRequestsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async placeRequests(filter: Filter): Promise<PlaceRequestsView> {
    const months = wholeMonths(filter);
    return months ? this.fromCells(filter, months) : this.fromRows(filter);
  }

  private async fromRows(filter: Filter): Promise<PlaceRequestsView> {
    const params = new SqlParams();
    const where = whereClause(requestConditions(filter, params));
    const rows: Row[] = await this.dataSource.query(
      `
      WITH p AS MATERIALIZED (
        SELECT p.*, ${HOURS_BETWEEN('p.placed_at', 'p.made_at')} AS hours, ${DECLINE_REASONS.map((r) => `coalesce(d.${r}, 0) AS ${r}`).join(', ')}
        FROM coordination_place_requests p LEFT JOIN (
          SELECT place_request_id, ${DECLINE_REASONS.map((r) => `count(*) FILTER (WHERE decline_reason = '${r}') AS ${r}`).join(', ')}
          FROM coordination_referrals WHERE place_request_id IS NOT NULL AND status = 'declined' GROUP BY place_request_id
        ) d ON d.place_request_id = p.place_request_id ${where}
      )
      SELECT department, service, grouping(department, service) = 3 AS is_total, count(*) AS requests,
             ${(['placed', 'expired', 'cancelled', 'open'] as const).map((s) => `count(*) FILTER (WHERE status = '${s}') AS ${s}`).join(', ')},
             coalesce(sum(recipients), 0) AS recipients,
             count(*) FILTER (WHERE round = 1) AS first_rounds, count(*) FILTER (WHERE round = 2) AS second_rounds,
             count(*) FILTER (WHERE round >= 2) AS later_rounds,
             ${DECLINE_REASONS.map((r) => `coalesce(sum(${r}), 0) AS declines_${r}`).join(', ')},
             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY hours) AS spread
      FROM p GROUP BY GROUPING SETS ((department, service), ())`,
      params.values,
    );
    const spreads = new Map(rows.map((row) => [row.is_total === true ? '' : GROUP(row), (row.spread as number[] | null) ?? null]));
    return view(rows, (key) => spreads.get(key) ?? null);
  }

  private async fromCells(filter: Filter, months: MonthRange): Promise<PlaceRequestsView> {
    const params = new SqlParams();
    const where = whereClause([...monthConditions(months, params), ...cellConditions(filter, params)]);
    const counts = [
      'requests',
      'recipients',
      'first_rounds',
      'second_rounds',
      'later_rounds',
      ...DECLINE_REASONS.map((r) => `declines_${r}`),
    ];
    const [rows, histogram] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT department, service, grouping(department, service) = 3 AS is_total,
                ${counts.map((c) => `sum(${c}) AS ${c}`).join(', ')},
                ${(['placed', 'expired', 'cancelled', 'open'] as const).map((s) => `coalesce(sum(requests) FILTER (WHERE status = '${s}'), 0) AS ${s}`).join(', ')}
         FROM coordination_place_request_cells ${where} GROUP BY GROUPING SETS ((department, service), ())`,
        params.values,
      ),
      this.dataSource.query<Row[]>(
        `SELECT department, service, bucket, sum(count) AS count FROM coordination_place_delay_cells ${where}
         GROUP BY department, service, bucket HAVING sum(count) <> 0 ORDER BY department, service, bucket`,
        params.values,
      ),
    ]);
    const spreads = await this.exactSpreads(filter, months, histogram);
    return view(
      rows.filter((row) => row.is_total === true || Number(row.requests) !== 0),
      (key) => spreads.get(key) ?? null,
    );
  }

  /** Per group and for all, the values at the median's and the 90th percentile's ranks, read from the rows the histogram points at. */
  private async exactSpreads(filter: Filter, months: MonthRange, histogram: Row[]): Promise<Map<string, number[]>> {
    const groups = new Map<string, { department: string | null; service: string | null; buckets: Map<number, number> }>();
    const add = (key: string, department: string | null, service: string | null, bucket: number, count: number) => {
      const group = groups.get(key) ?? { department, service, buckets: new Map<number, number>() };
      group.buckets.set(bucket, (group.buckets.get(bucket) ?? 0) + count);
      groups.set(key, group);
    };
    for (const row of histogram) {
      add(GROUP(row), String(row.department), String(row.service), Number(row.bucket), Number(row.count));
      add('', null, null, Number(row.bucket), Number(row.count));
    }
    const reads: { key: string; department: string | null; service: string | null; bucket: number; offset: number; position: number }[] =
      [];
    for (const [key, { department, service, buckets }] of groups) {
      const ordered = [...buckets].sort(([a], [b]) => a - b);
      const n = ordered.reduce((sum, [, count]) => sum + count, 0);
      for (const percentile of PERCENTILES) {
        const position = percentile * (n - 1);
        let rank = Math.floor(position);
        for (const [bucket, count] of ordered) {
          if (rank < count) {
            reads.push({ key, department, service, bucket, offset: rank, position });
            break;
          }
          rank -= count;
        }
      }
    }
    if (reads.length === 0) return new Map();
    const params = new SqlParams();
    const period = requestConditions({ ...filter, ...monthsAsPeriod(months) }, params);
    const parts = reads.map(({ department, service, bucket, offset }, i) => {
      const where = ['p.placed_at IS NOT NULL', `(${TIME_TO_PLACE}) >= make_interval(secs => ${params.add(bucket)})`, ...period];
      if (department !== null) where.push(`p.department = ${params.add(department)}`, `p.service = ${params.add(service)}`);
      return `SELECT ${i} AS i, ARRAY(SELECT ${HOURS_BETWEEN('p.placed_at', 'p.made_at')} FROM coordination_place_requests p
        WHERE ${where.join(' AND ')} ORDER BY (${TIME_TO_PLACE}), 1 OFFSET ${params.add(offset)} LIMIT 2) AS v`;
    });
    const values: { i: number; v: number[] }[] = await this.dataSource.query(parts.join(' UNION ALL '), params.values);
    const at = new Map(values.map((row) => [row.i, row.v.map(Number)]));
    const spreads = new Map<string, number[]>();
    reads.forEach((read, i) => {
      // percentile_cont: the values at ranks floor and ceil of p·(n−1), interpolated.
      const [low = Number.NaN, high = Number.NaN] = at.get(i) ?? [];
      const first = Math.floor(read.position);
      const value = Math.ceil(read.position) === first ? low : low + (high - low) * (read.position - first);
      spreads.set(read.key, [...(spreads.get(read.key) ?? []), value]);
    });
    return spreads;
  }
}

function requestConditions(filter: Filter, params: SqlParams): string[] {
  const where: string[] = [];
  const { from, until } = periodBounds(filter);
  if (from) where.push(`p.made_at >= ${params.add(from)}::timestamptz`);
  if (until) where.push(`p.made_at < ${params.add(until)}::timestamptz`);
  if (filter.department) where.push(`p.department = ${params.add(filter.department)}`);
  if (filter.service) where.push(`p.service = ${params.add(filter.service)}`);
  return where;
}

function cellConditions(filter: Filter, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter.department) where.push(`department = ${params.add(filter.department)}`);
  if (filter.service) where.push(`service = ${params.add(filter.service)}`);
  return where;
}

/** Whole months [from, until) back to the inclusive days periodBounds reads. */
function monthsAsPeriod(months: MonthRange): Pick<Filter, 'from' | 'to'> {
  const lastDay = months.until ? new Date(Date.parse(`${months.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : undefined;
  return { from: months.from, to: lastDay };
}

const oneDecimal = (value: number | undefined): number | null =>
  value === undefined || Number.isNaN(value) ? null : Math.round(value * 10) / 10;
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

function view(rows: Row[], spreadOf: (key: string) => number[] | null): PlaceRequestsView {
  const figures = (row: Row | undefined, key: string): PlaceRequestFigures => {
    const n = (column: string) => Number(row?.[column] ?? 0);
    const counts: Counts = {
      requests: n('requests'),
      placed: n('placed'),
      expired: n('expired'),
      cancelled: n('cancelled'),
      open: n('open'),
      recipients: n('recipients'),
      declines: Object.fromEntries(DECLINE_REASONS.filter((r) => n(`declines_${r}`) > 0).map((r) => [r, n(`declines_${r}`)])),
      rounds: { first: n('first_rounds'), second: n('second_rounds'), later: n('later_rounds') },
    };
    const spread = spreadOf(key);
    return {
      ...counts,
      timeToPlaceHours: { median: oneDecimal(spread?.[0]), p90: oneDecimal(spread?.[1]) },
      declinesPerRequest: Object.fromEntries(
        Object.entries(counts.declines).map(([reason, count]) => [reason, counts.requests > 0 ? twoDecimals(count / counts.requests) : 0]),
      ),
    };
  };
  const total = rows.find((row) => row.is_total === true);
  return {
    totals: figures(total, ''),
    rows: rows
      .filter((row) => row.is_total !== true)
      .map((row) => ({ department: String(row.department), service: row.service as Service, ...figures(row, GROUP(row)) }))
      .sort((a, b) => a.department.localeCompare(b.department) || a.service.localeCompare(b.service)),
  };
}
