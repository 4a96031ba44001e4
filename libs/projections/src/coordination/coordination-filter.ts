import type { Indicator, OrganisationKind, Service } from '@passerelle/domain';

/** The coordinator's filters. Each view documents which ones it applies and to what. */
export interface CoordinationFilter {
  /** First day of the period, YYYY-MM-DD (UTC), inclusive. */
  from?: string;
  /** Last day of the period, YYYY-MM-DD (UTC), inclusive. */
  to?: string;
  department?: string;
  service?: Service;
  indicator?: Indicator;
  /** The kind of organisation that identified her (funnel), or that offers the places (capacity). */
  kind?: OrganisationKind;
}

/** Median and 90th percentile in days, one decimal; null when there is nothing to measure. */
export interface Spread {
  median: number | null;
  p90: number | null;
}

/** Positional parameters for hand-written SQL: values never go into the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const DAY = 86_400_000;

/** The period as instants: [from 00:00Z, the day after `to` 00:00Z). */
export function periodBounds(filter: Pick<CoordinationFilter, 'from' | 'to'>): { from?: string; until?: string } {
  return {
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`).toISOString() : undefined,
    until: filter.to ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY).toISOString() : undefined,
  };
}

/** Conditions on an identification (alias `c`, a coordination_cases row): period, département, indicator, kind. */
export function caseConditions(filter: CoordinationFilter, params: SqlParams, options: { kind: boolean }): string[] {
  const where: string[] = [];
  const { from, until } = periodBounds(filter);
  if (from) where.push(`c.identified_at >= ${params.add(from)}::timestamptz`);
  if (until) where.push(`c.identified_at < ${params.add(until)}::timestamptz`);
  if (filter.department) where.push(`c.department = ${params.add(filter.department)}`);
  if (filter.indicator) where.push(`${params.add(filter.indicator)} = ANY (c.indicators)`);
  if (options.kind && filter.kind) where.push(`c.identifier_kind = ${params.add(filter.kind)}`);
  return where;
}

export const whereClause = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/** Days between two timestamptz expressions, in float8 (date_part: no numeric arithmetic per row). */
export const daysBetween = (later: string, earlier: string) => `((date_part('epoch', ${later}) - date_part('epoch', ${earlier})) / 86400)`;

/** `<prefix>_spread`: median and 90th percentile of an expression in days, from one sort; nulls are ignored. */
export const spreadColumns = (expression: string, prefix: string) =>
  `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${expression}) AS ${prefix}_spread`;

const oneDecimal = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

export const spreadOf = (row: Record<string, unknown> | undefined, prefix: string): Spread => {
  const spread = row?.[`${prefix}_spread`] as (number | null)[] | null | undefined;
  return { median: oneDecimal(spread?.[0]), p90: oneDecimal(spread?.[1]) };
};
