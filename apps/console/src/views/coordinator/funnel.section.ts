import type { Funnel } from '../../api/types';
import { formatNumber, formatPercent, label, t, type MessageKey } from '../../i18n/i18n';
import { organisationName } from '../../session';
import { barChart } from '../../ui/chart';
import { h } from '../../ui/dom';
import { emptyState } from '../../ui/feedback';
import { dataTable } from '../../ui/table';
import { departmentLabel } from '../../vocabulary';

const stageLabel = (stage: string) => t(`stage.${stage}` as MessageKey);

/** identified → referred → accepted → service provided: counts, conversion, delays, decline reasons. */
export function funnelSection(funnel: Funnel): HTMLElement[] {
  const delays = Object.entries(funnel.delaysDays).map(([name, spread]) => ({ name, ...spread }));
  const declines = Object.entries(funnel.declineReasons).map(([reason, count]) => ({ reason, count }));
  return [
    barChart(
      t('funnel.title'),
      funnel.stages.map((s) => stageLabel(s.stage)),
      [{ label: t('funnel.count'), data: funnel.stages.map((s) => s.count) }],
    ),
    dataTable(
      t('funnel.byStage'),
      [
        { label: t('funnel.stage'), cell: (s) => stageLabel(s.stage), csv: (s) => s.stage },
        { label: t('funnel.count'), cell: (s) => formatNumber(s.count), csv: (s) => s.count, numeric: true },
        { label: t('funnel.conversion'), cell: (s) => formatPercent(s.conversion), csv: (s) => s.conversion ?? null, numeric: true },
      ],
      funnel.stages,
      'funnel',
    ),
    dataTable(
      t('funnel.delays'),
      [
        { label: t('funnel.delay'), cell: (d) => t(`delay.${d.name}` as MessageKey), csv: (d) => d.name },
        { label: t('funnel.median'), cell: (d) => formatNumber(d.median), csv: (d) => d.median, numeric: true },
        { label: t('funnel.p90'), cell: (d) => formatNumber(d.p90), csv: (d) => d.p90, numeric: true },
      ],
      delays,
      'delays',
    ),
    dataTable(
      t('funnel.declines'),
      [
        { label: t('funnel.reason'), cell: (d) => label('declineReason', d.reason), csv: (d) => d.reason },
        { label: t('funnel.count'), cell: (d) => formatNumber(d.count), csv: (d) => d.count, numeric: true },
      ],
      declines,
      'decline-reasons',
    ),
  ];
}

/** Overdue referrals: the network's total, then which receivers hold them (organisations, never a person). */
export function overdueSection(funnel: Funnel): HTMLElement[] {
  const late = funnel.byOrganisation.filter((o) => o.overdue > 0).sort((a, b) => b.overdue - a.overdue);
  return [
    h('p', { class: funnel.overdue > 0 ? 'notice notice--warning' : 'notice' }, t('overdue.total', { count: funnel.overdue })),
    funnel.overdue === 0
      ? emptyState(t('overdue.none'))
      : dataTable(
          t('overdue.byOrganisation'),
          [
            { label: t('capacity.organisation'), cell: (o) => organisationName(o.organisationId), csv: (o) => o.organisationId },
            { label: t('identify.department'), cell: (o) => departmentLabel(o.department), csv: (o) => o.department },
            { label: t('overdue.pending'), cell: (o) => formatNumber(o.pending), csv: (o) => o.pending, numeric: true },
            { label: t('capacity.overdue'), cell: (o) => formatNumber(o.overdue), csv: (o) => o.overdue, numeric: true },
          ],
          late,
          'overdue',
        ),
  ];
}
