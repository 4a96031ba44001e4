import type { DataSource } from 'typeorm';
import { caseMonthConditions, delaySpreads, monthConditions, type MonthRange } from './coordination-delays';
import { SqlParams, whereClause } from './coordination-filter';

type Row = Record<string, unknown>;

/**
 * The funnel's figures from the summary cells, in the shapes the row-by-row queries of
 * coordination-funnel.query.ts return (per case, per referral, decline reasons), for a period of
 * whole months and no other filter. Only what depends on the clock is read from the rows: the
 * referrals overdue now (an index on the waiting ones).
 */
export async function funnelCellFigures(
  dataSource: DataSource,
  range: MonthRange,
  now: Date,
): Promise<{ byCase: Row[]; byReferral: Row[]; declines: Row[] }> {
  const caseParams = new SqlParams();
  const caseMonths = whereClause(monthConditions(range, caseParams));
  const referralParams = new SqlParams();
  const referralMonths = whereClause(monthConditions(range, referralParams));
  const [cases, referrals, overdue, delays] = await Promise.all([
    dataSource.query<Row[]>(
      `
      SELECT identified_by, sum(identified) AS identified, sum(referred) AS referred, sum(accepted) AS accepted, sum(served) AS served
      FROM coordination_case_cells ${caseMonths} GROUP BY identified_by HAVING sum(identified) > 0`,
      caseParams.values,
    ),
    dataSource.query<Row[]>(
      `
      SELECT to_org, status, accepted, decline_reason, sum(count) AS count FROM coordination_referral_cells ${referralMonths}
      GROUP BY to_org, status, accepted, decline_reason HAVING sum(count) <> 0 ORDER BY decline_reason`,
      referralParams.values,
    ),
    overdueByReceiver(dataSource, range, now),
    delaySpreads(dataSource, range),
  ]);
  const caseTotal: Row = { is_total: true, identified: 0, referred: 0, accepted: 0, served: 0, to_referred_spread: delays.to_referred };
  const counts = { received: 0, accepted: 0, declined: 0, pending: 0 };
  for (const row of cases)
    for (const field of ['identified', 'referred', 'accepted', 'served']) caseTotal[field] = Number(caseTotal[field]) + Number(row[field]);
  const receivers = new Map<string, Row>();
  const referralTotal: Row = { is_total: true, ...counts, to_accepted_spread: delays.to_accepted, to_closed_spread: delays.to_closed };
  const declines = new Map<string | null, number>();
  for (const row of referrals) {
    const organisation = row.to_org as string;
    const receiver = receivers.get(organisation) ?? {
      is_total: false,
      to_org: organisation,
      ...counts,
      overdue: overdue.get(organisation) ?? 0,
    };
    receivers.set(organisation, receiver);
    const count = Number(row.count);
    for (const target of [receiver, referralTotal]) {
      add(target, 'received', count);
      if (row.accepted === true) add(target, 'accepted', count);
      if (row.status === 'declined') add(target, 'declined', count);
      if (row.status === 'referred') add(target, 'pending', count);
    }
    if (row.status === 'declined') {
      const reason = row.decline_reason === '' ? null : (row.decline_reason as string);
      declines.set(reason, (declines.get(reason) ?? 0) + count);
    }
  }
  referralTotal.overdue = [...overdue.values()].reduce((sum, n) => sum + n, 0);
  return {
    byCase: [caseTotal, ...cases.map((row) => ({ ...row, is_total: false }))],
    byReferral: [referralTotal, ...receivers.values()],
    declines: [...declines].map(([reason, count]) => ({ decline_reason: reason, count })),
  };
}

const add = (row: Row, field: string, count: number) => {
  row[field] = Number(row[field]) + count;
};

/** Referrals not answered and past their `respondBy` now, per receiver, among those of the cases identified in the months. */
async function overdueByReceiver(dataSource: DataSource, range: MonthRange, now: Date): Promise<Map<string, number>> {
  const params = new SqlParams();
  const cases = caseMonthConditions(range, params);
  const join = cases.length > 0 ? `JOIN coordination_cases c ON c.case_id = r.case_id AND ${cases.join(' AND ')}` : '';
  const rows: Row[] = await dataSource.query(
    `
    SELECT r.to_org, count(*) AS overdue FROM coordination_referrals r ${join}
    WHERE r.status = 'referred' AND r.respond_by < ${params.add(now.toISOString())}::timestamptz GROUP BY r.to_org`,
    params.values,
  );
  return new Map(rows.map((row) => [row.to_org as string, Number(row.overdue)]));
}
