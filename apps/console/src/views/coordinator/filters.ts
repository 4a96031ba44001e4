import { label, t } from '../../i18n/i18n';
import { fieldValue, h } from '../../ui/dom';
import { field, form, input, select } from '../../ui/forms';
import { DEPARTMENTS, INDICATORS, SERVICES } from '../../vocabulary';

export interface Filters {
  from?: string;
  to?: string;
  department?: string;
  service?: string;
  indicator?: string;
}

/**
 * The coordinator's filters. Each view takes only the filters it understands (the API refuses
 * unknown query parameters): gaps have no service, capacity has no period.
 */
export const funnelQuery = (f: Filters) => ({
  from: f.from,
  to: f.to,
  department: f.department,
  service: f.service,
  indicator: f.indicator,
});
export const gapsQuery = (f: Filters) => ({ from: f.from, to: f.to, department: f.department, indicator: f.indicator });
export const capacityQuery = (f: Filters) => ({ department: f.department, service: f.service, indicator: f.indicator });

export function filtersForm(initial: Filters, apply: (filters: Filters) => void): HTMLElement {
  const options = (kind: string, values: readonly string[]) => values.map((value) => ({ value, label: label(kind, value) }));
  return h(
    'details',
    { class: 'filters', open: true },
    h('summary', {}, t('filters.title')),
    form(
      (element) =>
        apply({
          from: fieldValue(element, 'from'),
          to: fieldValue(element, 'to'),
          department: fieldValue(element, 'department'),
          service: fieldValue(element, 'service'),
          indicator: fieldValue(element, 'indicator'),
        }),
      h(
        'div',
        { class: 'filters__grid' },
        field(t('filters.from'), input('from', 'date', { value: initial.from ?? '' })),
        field(t('filters.to'), input('to', 'date', { value: initial.to ?? '' })),
        field(
          t('identify.department'),
          select(
            'department',
            DEPARTMENTS.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
            { empty: t('app.all'), value: initial.department },
          ),
        ),
        field(t('referral.service'), select('service', options('service', SERVICES), { empty: t('app.all'), value: initial.service })),
        field(
          t('gaps.indicator'),
          select('indicator', options('indicator', INDICATORS), { empty: t('app.all'), value: initial.indicator }),
        ),
      ),
      h('button', { type: 'submit', class: 'button' }, t('filters.apply')),
    ),
  );
}
