import type { Capacity } from '../../api/types';
import { formatDate, formatNumber, label, t } from '../../i18n/i18n';
import { organisationName } from '../../session';
import { barChart } from '../../ui/chart';
import { h } from '../../ui/dom';
import { dataTable } from '../../ui/table';

type Row = Capacity['rows'][number];

/** Declared places against women served now (accepted, not closed) and the waiting list, by service. */
export function capacitySection(capacity: Capacity): HTMLElement[] {
  const services = new Map<string, { declared: number; occupied: number; waiting: number }>();
  for (const row of capacity.rows) {
    const sum = services.get(row.service) ?? { declared: 0, occupied: 0, waiting: 0 };
    sum.declared += row.declared?.total ?? 0;
    sum.occupied += row.occupied;
    sum.waiting += row.waiting;
    services.set(row.service, sum);
  }
  const names = [...services.keys()];
  const sums = [...services.values()];
  return [
    capacity.asOf ? h('p', { class: 'hint' }, t('capacity.asOf', { date: formatDate(capacity.asOf) })) : h('span', {}),
    names.length
      ? barChart(
          t('capacity.title'),
          names.map((s) => label('service', s)),
          [
            { label: t('capacity.declared'), data: sums.map((s) => s.declared) },
            { label: t('capacity.occupied'), data: sums.map((s) => s.occupied) },
            { label: t('capacity.waiting'), data: sums.map((s) => s.waiting) },
          ],
          { horizontal: true },
        )
      : h('span', {}),
    dataTable<Row>(
      t('capacity.byOrganisation'),
      [
        { label: t('capacity.organisation'), cell: (r) => organisationName(r.organisationId), csv: (r) => r.organisationId },
        { label: t('referral.service'), cell: (r) => label('service', r.service), csv: (r) => r.service },
        {
          label: t('capacity.declared'),
          cell: (r) => formatNumber(r.declared?.total),
          csv: (r) => r.declared?.total ?? null,
          numeric: true,
        },
        {
          label: t('capacity.available'),
          cell: (r) => formatNumber(r.declared?.available),
          csv: (r) => r.declared?.available ?? null,
          numeric: true,
        },
        { label: t('capacity.occupied'), cell: (r) => formatNumber(r.occupied), csv: (r) => r.occupied, numeric: true },
        { label: t('capacity.waiting'), cell: (r) => formatNumber(r.waiting), csv: (r) => r.waiting, numeric: true },
        { label: t('capacity.overdue'), cell: (r) => formatNumber(r.overdue), csv: (r) => r.overdue, numeric: true },
      ],
      capacity.rows,
      'capacity',
    ),
  ];
}
