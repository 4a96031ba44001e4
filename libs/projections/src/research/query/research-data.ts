import type { DataSource } from 'typeorm';
import type { BaseCount } from '../disclosure/rare-values';
import type { ResearchUnit } from '../research.vocabulary';
import type { QueryDimension } from './research-request';

/** Each dimension as a column of the query below (aliases: c = research_cases, r = research_referrals, o = receiver). */
const COLUMNS: Record<ResearchUnit, Partial<Record<QueryDimension, string>>> = {
  identifications: {
    region: 'c.region',
    organisationKind: 'c.organisation_kind',
    indicatorSet: 'c.indicator_set',
    ageBand: 'c.age_band',
    month: 'substr(c.month, 6, 2)',
  },
  referrals: {
    region: 'c.region',
    organisationKind: 'c.organisation_kind',
    receiverKind: "coalesce(o.kind, 'unknown')",
    service: 'r.service',
    indicatorSet: 'c.indicator_set',
    ageBand: 'c.age_band',
    outcome: 'r.outcome',
    delayBand: 'r.delay_band',
    month: 'substr(r.month, 6, 2)',
  },
};

const FROM: Record<ResearchUnit, string> = {
  identifications: 'research_cases c',
  referrals:
    'research_referrals r JOIN research_cases c ON c.case_id = r.case_id LEFT JOIN research_organisations o ON o.organisation_id = r.receiver',
};

export interface YearRows {
  /** Groups of rows by every dimension of the unit (month included). */
  base: (BaseCount & { delays: number[] })[];
  dims: QueryDimension[];
}

/**
 * The rows research may count for one year: only cases whose research consent is active at `now`
 * (ADR 0002), grouped by every dimension, so that disclosure control sees the whole year whatever
 * the question. `bounded` keeps at most that many referrals per case (noisy answers need each
 * woman's weight in a count bounded, which is the sensitivity of the noise).
 */
export async function loadYear(
  dataSource: DataSource,
  unit: ResearchUnit,
  year: number,
  now: Date,
  options: { bounded?: number; where?: Partial<Record<QueryDimension, string>> } = {},
): Promise<YearRows> {
  const columns = COLUMNS[unit];
  const dims = Object.keys(columns) as QueryDimension[];
  const params: unknown[] = [`${year}-01`, `${year}-12`, now.toISOString()];
  const month = unit === 'referrals' ? 'r.month' : 'c.month';
  const conditions = [`${month} BETWEEN $1 AND $2`, 'c.research_until > $3::timestamptz'];
  for (const [dim, value] of Object.entries(options.where ?? {})) {
    params.push(value);
    conditions.push(`${columns[dim as QueryDimension]} = $${params.length}`);
  }
  const selected = dims.map((dim, i) => `${columns[dim]} AS d${i}`).join(', ');
  const delay = unit === 'referrals' ? 'r.response_days' : 'NULL::int';
  let source = `SELECT ${selected}, ${delay} AS delay FROM ${FROM[unit]} WHERE ${conditions.join(' AND ')}`;
  if (options.bounded && unit === 'referrals') {
    source = `SELECT ${selected}, ${delay} AS delay FROM (
      SELECT r.*, row_number() OVER (PARTITION BY r.case_id ORDER BY r.made_on, r.referral_id) AS rank FROM research_referrals r
    ) r JOIN research_cases c ON c.case_id = r.case_id LEFT JOIN research_organisations o ON o.organisation_id = r.receiver
    WHERE ${conditions.join(' AND ')} AND r.rank <= ${Math.trunc(options.bounded)}`;
  }
  const groups: Record<string, unknown>[] = await dataSource.query(
    `
    SELECT ${dims.map((_, i) => `d${i}`).join(', ')}, count(*)::int AS count, array_remove(array_agg(delay), NULL) AS delays
    FROM (${source}) rows GROUP BY ${dims.map((_, i) => `d${i}`).join(', ')}`,
    params,
  );
  return {
    dims,
    base: groups.map((group) => ({
      values: Object.fromEntries(dims.map((dim, i) => [dim, String(group[`d${i}`])])),
      count: Number(group.count),
      delays: (group.delays as number[]).map(Number),
    })),
  };
}
