import type { DataSource } from 'typeorm';
import { wholeMonths } from './coordination-delays';
import { gapsCellFigures } from './coordination-gaps-cells';
import { LINKABLE, personsOf } from './coordination-persons';
import {
  caseConditions,
  daysBetween,
  periodBounds,
  spreadColumns,
  spreadOf,
  SqlParams,
  whereClause,
  type CoordinationFilter,
  type Spread,
} from './coordination-filter';

export interface GapCounts {
  ngoOnly: number;
  authorityOnly: number;
  both: number;
  lagDays: Spread;
}

export interface GapsView {
  rows: ({ department: string; indicator: string; month: string } & GapCounts)[];
  totals: GapCounts & { notLinkable: number };
  unreferredTrafficking: {
    afterDays: number;
    count: number;
    byDepartment: { department: string; count: number }[];
    byOrganisation: { organisationId: string; count: number }[];
  };
}

type Row = Record<string, unknown>;
const DAY = 86_400_000;

/**
 * Identification gaps. Women are linked across organisations by the linkage key, and only through
 * identifications whose coordination consent is active now (ADR 0002): `ngoOnly` = identified by
 * an NGO-side partner (ngo, health, refuge) and by no authority, `authorityOnly` the reverse,
 * `both` = linked, with the lag between her first identification on each side. A woman is placed
 * by her first identification (month, département) and counted under each indicator recorded on
 * any of her linked identifications. Identifications without that consent are only counted, in
 * `notLinkable`. Plus: NGO-side identifications with a trafficking indicator that were never
 * referred to an authority nor to a `specialised_shelter`, `afterDays` or more after identification.
 */
export class CoordinationGapsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async gaps(filter: CoordinationFilter, now: Date, afterDays: number): Promise<GapsView> {
    // The summary cells answer whole months (the national view); a period cut inside a month reads the rows.
    const months = wholeMonths(filter);
    const { grouped, notLinkable, unreferred } = months
      ? await gapsCellFigures(this.dataSource, filter, months, now, afterDays)
      : await Promise.all([
          this.linked(filter, now),
          this.notLinkable(filter, now),
          this.unreferredTrafficking(filter, now, afterDays),
        ]).then(([grouped, notLinkable, unreferred]) => ({ grouped, notLinkable, unreferred }));
    const counts = (row: Row | undefined): GapCounts => ({
      ngoOnly: Number(row?.ngo_only ?? 0),
      authorityOnly: Number(row?.authority_only ?? 0),
      both: Number(row?.both ?? 0),
      lagDays: spreadOf(row, 'lag'),
    });
    const rows = grouped
      .filter((row) => row.is_total !== true)
      .map((row) => ({
        department: row.department as string,
        indicator: row.indicator as string,
        month: row.month as string,
        ...counts(row),
      }));
    const total = unreferred.find((row) => row.scope === 'total');
    return {
      rows,
      totals: { ...counts(grouped.find((row) => row.is_total === true)), notLinkable },
      unreferredTrafficking: {
        afterDays,
        count: Number(total?.count ?? 0),
        byDepartment: unreferred
          .filter((r) => r.scope === 'department')
          .map((r) => ({ department: r.department as string, count: Number(r.count) })),
        byOrganisation: unreferred
          .filter((r) => r.scope === 'organisation')
          .map((r) => ({ organisationId: r.identified_by as string, count: Number(r.count) })),
      },
    };
  }

  /**
   * One row per (département, indicator, month) plus the totals row over distinct women. Women come
   * from coordination_persons; those whose row outlived one of her consents (`linkable_until` ≤ now)
   * are recomputed from the identifications still under an active consent.
   */
  private linked(filter: CoordinationFilter, now: Date): Promise<Row[]> {
    const params = new SqlParams();
    const at = params.add(now.toISOString());
    const { from, until } = periodBounds(filter);
    const persons: string[] = [];
    if (from) persons.push(`p.first_at >= ${params.add(from)}::timestamptz`);
    if (until) persons.push(`p.first_at < ${params.add(until)}::timestamptz`);
    if (filter.department) persons.push(`p.department = ${params.add(filter.department)}`);
    const indicator = filter.indicator ? params.add(filter.indicator) : null;
    if (indicator) persons.push(`${indicator} = ANY (p.indicators)`);
    const columns = 'linkage_key, department, first_at, ngo_at, authority_at, indicators';
    return this.dataSource.query(
      `
      WITH persons AS (
        SELECT ${columns} FROM coordination_persons WHERE linkable_until > ${at}::timestamptz
        UNION ALL
        SELECT ${columns} FROM (${personsOf(`${LINKABLE} AND c.coordination_until > ${at}::timestamptz
          AND c.linkage_key IN (SELECT linkage_key FROM coordination_persons WHERE linkable_until <= ${at}::timestamptz)`)}) stale),
      selected AS MATERIALIZED (
        SELECT p.department, to_char(p.first_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, p.indicators,
               CASE WHEN p.ngo_at IS NULL THEN 'authority_only' WHEN p.authority_at IS NULL THEN 'ngo_only' ELSE 'both' END AS side,
               abs(${daysBetween('p.authority_at', 'p.ngo_at')}) AS lag
        FROM persons p ${whereClause(persons)}),
      exploded AS MATERIALIZED (
        SELECT s.department, s.month, s.side, s.lag, i AS indicator FROM selected s, unnest(s.indicators) AS i
        ${indicator ? `WHERE i = ${indicator}` : ''}),
      counts AS (SELECT department, indicator, month, ${sideCounts} FROM exploded GROUP BY department, indicator, month),
      lags AS (
        SELECT department, indicator, month, ${spreadColumns('lag', 'lag')}
        FROM exploded WHERE side = 'both' GROUP BY department, indicator, month)
      SELECT false AS is_total, counts.*, lags.lag_spread
      FROM counts LEFT JOIN lags USING (department, indicator, month)
      UNION ALL
      SELECT true, NULL, NULL, NULL, ${sideCounts}, ${spreadColumns('lag', 'lag')} FROM selected`,
      params.values,
    );
  }

  /** Identifications in the filter that may not be linked: no linkage key, no active coordination consent, or erased. */
  private async notLinkable(filter: CoordinationFilter, now: Date): Promise<number> {
    const params = new SqlParams();
    const conditions = caseConditions(filter, params, { kind: false });
    conditions.push(
      `(c.linkage_key IS NULL OR c.coordination_until IS NULL OR c.coordination_until <= ${params.add(now.toISOString())}::timestamptz)`,
    );
    const [row] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM coordination_cases c ${whereClause(conditions)}`,
      params.values,
    );
    return Number(row?.count ?? 0);
  }

  private unreferredTrafficking(filter: CoordinationFilter, now: Date, afterDays: number): Promise<Row[]> {
    const params = new SqlParams();
    const conditions = caseConditions(filter, params, { kind: false });
    conditions.push(
      "c.identifier_kind <> 'authority'",
      "c.indicators && ARRAY['trafficking_sexual', 'trafficking_labour']::text[]",
      `c.identified_at <= ${params.add(new Date(now.getTime() - afterDays * DAY).toISOString())}::timestamptz`,
      `NOT EXISTS (
         SELECT 1 FROM coordination_referrals r LEFT JOIN coordination_organisations o ON o.organisation_id = r.to_org
         WHERE r.case_id = c.case_id AND (o.kind = 'authority' OR r.service = 'specialised_shelter'))`,
    );
    return this.dataSource.query(
      `
      SELECT CASE WHEN GROUPING(c.identified_by) = 0 THEN 'organisation' WHEN GROUPING(c.department) = 0 THEN 'department' ELSE 'total' END AS scope,
             c.identified_by, c.department, count(*) AS count
      FROM coordination_cases c ${whereClause(conditions)}
      GROUP BY GROUPING SETS ((), (c.department), (c.identified_by))
      ORDER BY scope, c.department, c.identified_by`,
      params.values,
    );
  }
}

/** Women per side; the lag percentiles are computed apart, over the linked women only (a smaller sort). */
const sideCounts = `count(*) FILTER (WHERE side = 'ngo_only') AS ngo_only, count(*) FILTER (WHERE side = 'authority_only') AS authority_only,
       count(*) FILTER (WHERE side = 'both') AS both`;
