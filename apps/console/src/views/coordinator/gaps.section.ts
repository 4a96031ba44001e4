import type { Gaps } from '../../api/types';
import { formatNumber, label, t } from '../../i18n/i18n';
import { barChart } from '../../ui/chart';
import { h } from '../../ui/dom';
import { dataTable } from '../../ui/table';
import { departmentLabel } from '../../vocabulary';

type Row = Gaps['rows'][number];

/**
 * Women identified on the NGO side only, by the authority only, or by both. The chart sums months
 * per département and indicator (a woman counts once per indicator, so those sums are exact); the
 * table keeps the API's rows, with the lag between the two identifications.
 */
export function gapsSection(gaps: Gaps): HTMLElement[] {
  const pairs = new Map<string, { department: string; indicator: string; ngoOnly: number; authorityOnly: number; both: number }>();
  for (const row of gaps.rows) {
    const key = `${row.department}|${row.indicator}`;
    const sum = pairs.get(key) ?? { department: row.department, indicator: row.indicator, ngoOnly: 0, authorityOnly: 0, both: 0 };
    sum.ngoOnly += row.ngoOnly;
    sum.authorityOnly += row.authorityOnly;
    sum.both += row.both;
    pairs.set(key, sum);
  }
  const bars = [...pairs.values()];
  const names = bars.map((b) => `${b.department} · ${label('indicator', b.indicator)}`);
  return [
    bars.length
      ? barChart(
          t('gaps.title'),
          names,
          [
            { label: t('gaps.ngoOnly'), data: bars.map((b) => b.ngoOnly) },
            { label: t('gaps.authorityOnly'), data: bars.map((b) => b.authorityOnly) },
            { label: t('gaps.both'), data: bars.map((b) => b.both) },
          ],
          { stacked: true, horizontal: true },
        )
      : h('span', {}),
    dataTable<Row>(
      t('gaps.byMonth'),
      [
        { label: t('gaps.department'), cell: (r) => departmentLabel(r.department), csv: (r) => r.department },
        { label: t('gaps.indicator'), cell: (r) => label('indicator', r.indicator), csv: (r) => r.indicator },
        { label: t('gaps.month'), cell: (r) => r.month, csv: (r) => r.month, nowrap: true },
        { label: t('gaps.ngoOnly'), cell: (r) => formatNumber(r.ngoOnly), csv: (r) => r.ngoOnly, numeric: true },
        { label: t('gaps.authorityOnly'), cell: (r) => formatNumber(r.authorityOnly), csv: (r) => r.authorityOnly, numeric: true },
        { label: t('gaps.both'), cell: (r) => formatNumber(r.both), csv: (r) => r.both, numeric: true },
        { label: t('gaps.lagMedian'), cell: (r) => formatNumber(r.lagDays.median), csv: (r) => r.lagDays.median, numeric: true },
        { label: t('gaps.lagP90'), cell: (r) => formatNumber(r.lagDays.p90), csv: (r) => r.lagDays.p90, numeric: true },
      ],
      gaps.rows,
      'identification-gaps',
    ),
    h('p', { class: 'hint' }, t('gaps.notLinkable', { count: gaps.totals.notLinkable })),
  ];
}
