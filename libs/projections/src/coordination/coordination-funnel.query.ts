import type { DeclineReason, OrganisationKind } from '@passerelle/domain';
import type { DataSource } from 'typeorm';
import {
  caseConditions,
  daysBetween,
  spreadColumns,
  spreadOf,
  SqlParams,
  whereClause,
  type CoordinationFilter,
  type Spread,
} from './coordination-filter';
import { wholeMonths } from './coordination-delays';
import { funnelCellFigures } from './coordination-funnel-cells';

export const FUNNEL_STAGES = ['identified', 'referred', 'accepted', 'closed_service_provided'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelOrganisationRow {
  organisationId: string;
  kind: OrganisationKind | null;
  department: string | null;
  /** As the organisation that identified her: her case's funnel. */
  identified: number;
  referred: number;
  accepted: number;
  closedServiceProvided: number;
  /** As a receiver: the referrals it was sent and what it did with them. */
  received: number;
  receivedAccepted: number;
  receivedDeclined: number;
  pending: number;
  overdue: number;
}

export interface FunnelView {
  stages: { stage: FunnelStage; count: number; conversion: number | null }[];
  declineReasons: Partial<Record<DeclineReason, number>>;
  overdue: number;
  delaysDays: { identifiedToReferred: Spread; referredToAccepted: Spread; acceptedToClosed: Spread };
  byOrganisation: FunnelOrganisationRow[];
}

type Row = Record<string, unknown>;

/**
 * identified → referred → accepted → closed with the service provided, counted in cases (women as
 * identified): a case is `referred` once she has at least one referral, `accepted` once one was
 * accepted, and so on. The period, département, indicator and kind select identifications (kind:
 * of the organisation that identified her); `service` selects which of her referrals count.
 * Operational figures only: counts and delays, never an id or a personal field.
 */
export class CoordinationFunnelQuery {
  constructor(private readonly dataSource: DataSource) {}

  async funnel(filter: CoordinationFilter, now: Date): Promise<FunnelView> {
    const [{ byCase, byReferral, declines }, organisations] = await Promise.all([
      this.figures(filter, now),
      this.dataSource.query<Row[]>('SELECT organisation_id, kind, department FROM coordination_organisations'),
    ]);
    const total = byCase.find((row) => row.is_total === true);
    const referrals = byReferral.find((row) => row.is_total === true);
    const counts = [total?.identified, total?.referred, total?.accepted, total?.served].map((n) => Number(n ?? 0));
    return {
      stages: FUNNEL_STAGES.map((stage, i) => ({
        stage,
        count: counts[i] ?? 0,
        conversion: i === 0 ? null : ratio(counts[i] ?? 0, counts[i - 1] ?? 0),
      })),
      declineReasons: Object.fromEntries(declines.map((row) => [row.decline_reason as string, Number(row.count)])),
      overdue: Number(referrals?.overdue ?? 0),
      delaysDays: {
        identifiedToReferred: spreadOf(total, 'to_referred'),
        referredToAccepted: spreadOf(referrals, 'to_accepted'),
        acceptedToClosed: spreadOf(referrals, 'to_closed'),
      },
      byOrganisation: byOrganisation(byCase, byReferral, organisations),
    };
  }

  /**
   * From the summary cells when they can answer (whole months, no other filter: the national view),
   * otherwise from the rows. Both give the same figures (coordination-cells.int.spec.ts).
   */
  private async figures(filter: CoordinationFilter, now: Date): Promise<{ byCase: Row[]; byReferral: Row[]; declines: Row[] }> {
    const months = filter.service || filter.department || filter.indicator || filter.kind ? null : wholeMonths(filter);
    if (months) return funnelCellFigures(this.dataSource, months, now);
    const [byCase, byReferral, declines] = await Promise.all([
      this.caseFigures(filter),
      this.referralFigures(filter, now),
      this.declineReasons(filter),
    ]);
    return { byCase, byReferral, declines };
  }

  /**
   * Per-case stages. Without a service filter they come from each case's summary (one row per
   * case); with one, from her referrals of that service, aggregated per case first.
   */
  private caseFigures(filter: CoordinationFilter): Promise<Row[]> {
    const params = new SqlParams();
    const cases = whereClause(caseConditions(filter, params, { kind: true }));
    const source = filter.service
      ? `(SELECT c.identified_by, c.identified_at, r.first_referred_at, coalesce(r.ever_accepted, false) AS ever_accepted,
                 coalesce(r.service_provided, false) AS service_provided
          FROM coordination_cases c LEFT JOIN (
            SELECT case_id, min(made_at) AS first_referred_at, bool_or(accepted_at IS NOT NULL) AS ever_accepted,
                   bool_or(outcome = 'service_provided') AS service_provided
            FROM coordination_referrals WHERE service = ${params.add(filter.service)} GROUP BY case_id
          ) r ON r.case_id = c.case_id ${cases})`
      : `(SELECT c.identified_by, c.identified_at, c.first_referred_at, c.ever_accepted, c.service_provided FROM coordination_cases c ${cases})`;
    const counts = `count(*) AS identified, count(first_referred_at) AS referred, count(*) FILTER (WHERE ever_accepted) AS accepted,
                    count(*) FILTER (WHERE service_provided) AS served`;
    return this.dataSource.query(
      `
      WITH per_case AS MATERIALIZED ${source}
      SELECT true AS is_total, NULL AS identified_by, ${counts}, ${spreadColumns(daysBetween('first_referred_at', 'identified_at'), 'to_referred')}
      FROM per_case
      UNION ALL
      SELECT false, identified_by, ${counts}, NULL FROM per_case GROUP BY identified_by`,
      params.values,
    );
  }

  private referralFigures(filter: CoordinationFilter, now: Date): Promise<Row[]> {
    const params = new SqlParams();
    const { from, where } = this.referralsOfSelectedCases(filter, params);
    const overdue = `r.status = 'referred' AND r.respond_by < ${params.add(now.toISOString())}::timestamptz`;
    const counts = `count(*) AS received, count(*) FILTER (WHERE r.accepted_at IS NOT NULL) AS accepted,
                    count(*) FILTER (WHERE r.status = 'declined') AS declined, count(*) FILTER (WHERE r.status = 'referred') AS pending,
                    count(*) FILTER (WHERE ${overdue}) AS overdue`;
    return this.dataSource.query(
      `
      WITH r AS MATERIALIZED (SELECT r.to_org, r.status, r.made_at, r.accepted_at, r.closed_at, r.respond_by FROM ${from} ${where})
      SELECT true AS is_total, NULL AS to_org, ${counts},
             ${spreadColumns(daysBetween('r.accepted_at', 'r.made_at'), 'to_accepted')},
             ${spreadColumns(daysBetween('r.closed_at', 'r.accepted_at'), 'to_closed')}
      FROM r
      UNION ALL
      SELECT false, r.to_org, ${counts}, NULL, NULL FROM r GROUP BY r.to_org`,
      params.values,
    );
  }

  private declineReasons(filter: CoordinationFilter): Promise<Row[]> {
    const params = new SqlParams();
    const { from, where } = this.referralsOfSelectedCases(filter, params);
    return this.dataSource.query(
      `
      SELECT r.decline_reason, count(*) AS count FROM ${from} ${where} ${where ? 'AND' : 'WHERE'} r.status = 'declined'
      GROUP BY r.decline_reason ORDER BY r.decline_reason`,
      params.values,
    );
  }

  /** The referrals of the selected cases; the join to the cases only when a case filter asks for it. */
  private referralsOfSelectedCases(filter: CoordinationFilter, params: SqlParams) {
    const conditions = caseConditions(filter, params, { kind: true });
    const from =
      conditions.length > 0 ? 'coordination_referrals r JOIN coordination_cases c ON c.case_id = r.case_id' : 'coordination_referrals r';
    if (filter.service) conditions.push(`r.service = ${params.add(filter.service)}`);
    return { from, where: whereClause(conditions) };
  }
}

const ratio = (count: number, previous: number) => (previous === 0 ? null : Math.round((count / previous) * 1000) / 1000);

function byOrganisation(byCase: Row[], byReferral: Row[], organisations: Row[]): FunnelOrganisationRow[] {
  const known = new Map(organisations.map((row) => [row.organisation_id as string, row]));
  const rows = new Map<string, FunnelOrganisationRow>();
  const rowOf = (organisationId: string) => {
    let found = rows.get(organisationId);
    if (!found) {
      const organisation = known.get(organisationId);
      found = {
        organisationId,
        kind: (organisation?.kind as OrganisationKind | undefined) ?? null,
        department: (organisation?.department as string | undefined) ?? null,
        identified: 0,
        referred: 0,
        accepted: 0,
        closedServiceProvided: 0,
        received: 0,
        receivedAccepted: 0,
        receivedDeclined: 0,
        pending: 0,
        overdue: 0,
      };
      rows.set(organisationId, found);
    }
    return found;
  };
  for (const row of byCase.filter((r) => r.is_total !== true)) {
    Object.assign(rowOf(row.identified_by as string), {
      identified: Number(row.identified),
      referred: Number(row.referred),
      accepted: Number(row.accepted),
      closedServiceProvided: Number(row.served),
    });
  }
  for (const row of byReferral.filter((r) => r.is_total !== true)) {
    Object.assign(rowOf(row.to_org as string), {
      received: Number(row.received),
      receivedAccepted: Number(row.accepted),
      receivedDeclined: Number(row.declined),
      pending: Number(row.pending),
      overdue: Number(row.overdue),
    });
  }
  return [...rows.values()].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
}
