import type { DataSource } from 'typeorm';
import { personCells, UNREFERRED_TRAFFICKING } from './coordination-cells';
import { monthConditions, type MonthRange } from './coordination-delays';
import { caseConditions, daysBetween, spreadColumns, SqlParams, whereClause, type CoordinationFilter } from './coordination-filter';
import { LINKABLE, personsOf } from './coordination-persons';

type Row = Record<string, unknown>;
const DAY = 86_400_000;
const SIDES = { ngo_only: 'ngo_only', authority_only: 'authority_only', both: 'both' } as const;

/**
 * The gaps view's figures from the summary cells, in the shapes the row-by-row queries of
 * coordination-gaps.query.ts return, for a period of whole months. What depends on the clock is
 * read from the rows through indexes: women whose consent expired since their row was made (few),
 * identifications whose consent expired, the month the `afterDays` threshold falls in. Lags are
 * percentiles, so they come from the linked women's rows (a partial index keeps them apart).
 */
export async function gapsCellFigures(dataSource: DataSource, filter: CoordinationFilter, range: MonthRange, now: Date, afterDays: number) {
  const [women, lags, notLinkable, unreferred] = await Promise.all([
    womenCells(dataSource, filter, range, now),
    linkedLags(dataSource, filter, now),
    notLinkableCount(dataSource, filter, range, now),
    unreferredTrafficking(dataSource, filter, range, now, afterDays),
  ]);
  const total: Row = {
    is_total: true,
    ngo_only: 0,
    authority_only: 0,
    both: 0,
    lag_spread: lags.find((row) => row.is_total === true)?.lag_spread ?? null,
  };
  const groups = new Map<string, Row>();
  for (const row of women) {
    const side = SIDES[row.side as keyof typeof SIDES];
    const count = Number(row.count);
    total[side] = Number(total[side]) + count;
    for (const indicator of (row.indicators as string[]).filter((i) => !filter.indicator || i === filter.indicator)) {
      const key = JSON.stringify([row.department, indicator, row.month]);
      const group = groups.get(key) ?? {
        is_total: false,
        department: row.department,
        indicator,
        month: row.month,
        ngo_only: 0,
        authority_only: 0,
        both: 0,
        lag_spread: null,
      };
      group[side] = Number(group[side]) + count;
      groups.set(key, group);
    }
  }
  for (const row of lags.filter((r) => r.is_total !== true)) {
    const group = groups.get(JSON.stringify([row.department, row.indicator, row.month]));
    if (group) group.lag_spread = row.lag_spread;
  }
  const rows = [...groups.values()].filter((group) => Number(group.ngo_only) + Number(group.authority_only) + Number(group.both) > 0);
  return { grouped: [...rows, total], notLinkable, unreferred };
}

/** Conditions on a coordination_persons row (alias `p`): where she was first identified, and her indicators. */
function personConditions(filter: CoordinationFilter, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter.from) where.push(`p.first_at >= ${params.add(`${filter.from}T00:00:00Z`)}::timestamptz`);
  if (filter.to) where.push(`p.first_at < ${params.add(new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY).toISOString())}::timestamptz`);
  if (filter.department) where.push(`p.department = ${params.add(filter.department)}`);
  if (filter.indicator) where.push(`${params.add(filter.indicator)} = ANY (p.indicators)`);
  return where;
}

/** Her rows made before a consent of hers expired (`linkable_until` ≤ now) count as the rows she would have now. */
const staleAndFresh = (at: string) => `
  stale AS MATERIALIZED (SELECT * FROM coordination_persons WHERE linkable_until <= ${at}::timestamptz),
  fresh AS (${personsOf(`${LINKABLE} AND c.coordination_until > ${at}::timestamptz AND c.linkage_key IN (SELECT linkage_key FROM stale)`)})`;

/** Women per (month, département, indicators, side), corrected for consents expired since. */
function womenCells(dataSource: DataSource, filter: CoordinationFilter, range: MonthRange, now: Date): Promise<Row[]> {
  const params = new SqlParams();
  const at = params.add(now.toISOString());
  const cells = monthConditions(range, params);
  if (filter.department) cells.push(`department = ${params.add(filter.department)}`);
  if (filter.indicator) cells.push(`${params.add(filter.indicator)} = ANY (indicators)`);
  const persons = whereClause(personConditions(filter, params));
  return dataSource.query(
    `
    WITH ${staleAndFresh(at)}
    SELECT department, indicators, to_char(month, 'YYYY-MM') AS month, side, sum(count) AS count FROM (
      SELECT month, department, indicators, side, count FROM coordination_person_cells ${whereClause(cells)}
      UNION ALL ${personCells(-1, `(SELECT * FROM stale p ${persons})`)}
      UNION ALL ${personCells(1, `(SELECT * FROM fresh p ${persons})`)}
    ) cells GROUP BY month, department, indicators, side HAVING sum(count) <> 0`,
    params.values,
  );
}

/** Lag percentiles per (département, indicator, month) and overall, over the linked women's rows only. */
function linkedLags(dataSource: DataSource, filter: CoordinationFilter, now: Date): Promise<Row[]> {
  const params = new SqlParams();
  const at = params.add(now.toISOString());
  const both = 'ngo_at IS NOT NULL AND authority_at IS NOT NULL';
  const persons = personConditions(filter, params);
  const indicator = filter.indicator ? params.add(filter.indicator) : null;
  return dataSource.query(
    `
    WITH ${staleAndFresh(at)},
    persons AS (
      SELECT department, first_at, ngo_at, authority_at, indicators FROM coordination_persons WHERE ${both} AND linkable_until > ${at}::timestamptz
      UNION ALL
      SELECT department, first_at, ngo_at, authority_at, indicators FROM fresh WHERE ${both}),
    selected AS MATERIALIZED (
      SELECT p.department, to_char(p.first_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, p.indicators, abs(${daysBetween('p.authority_at', 'p.ngo_at')}) AS lag
      FROM persons p ${whereClause(persons)})
    SELECT false AS is_total, department, i AS indicator, month, ${spreadColumns('lag', 'lag')}
    FROM selected s, unnest(s.indicators) AS i ${indicator ? `WHERE i = ${indicator}` : ''} GROUP BY department, i, month
    UNION ALL
    SELECT true, NULL, NULL, NULL, ${spreadColumns('lag', 'lag')} FROM selected`,
    params.values,
  );
}

/** Identifications without a linkage key or an active coordination consent: counted once in the cells, plus consents expired since. */
async function notLinkableCount(dataSource: DataSource, filter: CoordinationFilter, range: MonthRange, now: Date): Promise<number> {
  const params = new SqlParams();
  const cells = monthConditions(range, params);
  if (filter.department) cells.push(`department = ${params.add(filter.department)}`);
  if (filter.indicator) cells.push(`${params.add(filter.indicator)} = ANY (indicators)`);
  const expired = caseConditions(filter, params, { kind: false });
  expired.push(
    'c.linkage_key IS NOT NULL',
    'c.coordination_until IS NOT NULL',
    `c.coordination_until <= ${params.add(now.toISOString())}::timestamptz`,
  );
  const [row] = await dataSource.query<{ count: string }[]>(
    `
    SELECT (SELECT coalesce(sum(not_linkable), 0) FROM coordination_case_cells ${whereClause(cells)})
         + (SELECT count(*) FROM coordination_cases c ${whereClause(expired)}) AS count`,
    params.values,
  );
  return Number(row?.count ?? 0);
}

/** Whole months before the one `afterDays` ago falls in come from the cells; that month from its rows. */
function unreferredTrafficking(
  dataSource: DataSource,
  filter: CoordinationFilter,
  range: MonthRange,
  now: Date,
  afterDays: number,
): Promise<Row[]> {
  const params = new SqlParams();
  const cutoff = new Date(now.getTime() - afterDays * DAY).toISOString();
  const month = `${cutoff.slice(0, 7)}-01`;
  const cells = [...monthConditions(range, params), 'unreferred_trafficking > 0', `month < ${params.add(month)}::date`];
  if (filter.department) cells.push(`department = ${params.add(filter.department)}`);
  if (filter.indicator) cells.push(`${params.add(filter.indicator)} = ANY (indicators)`);
  const cases = caseConditions(filter, params, { kind: false });
  cases.push(
    `c.identified_at >= ${params.add(`${month}T00:00:00Z`)}::timestamptz`,
    `c.identified_at <= ${params.add(cutoff)}::timestamptz`,
    UNREFERRED_TRAFFICKING,
  );
  return dataSource.query(
    `
    WITH picked AS (
      SELECT department, identified_by, unreferred_trafficking AS n FROM coordination_case_cells ${whereClause(cells)}
      UNION ALL
      SELECT c.department, c.identified_by, 1 FROM coordination_cases c ${whereClause(cases)})
    SELECT CASE WHEN GROUPING(identified_by) = 0 THEN 'organisation' WHEN GROUPING(department) = 0 THEN 'department' ELSE 'total' END AS scope,
           identified_by, department, sum(n) AS count
    FROM picked GROUP BY GROUPING SETS ((), (department), (identified_by))
    ORDER BY scope, department, identified_by`,
    params.values,
  );
}
