import { get } from '../../api/client';
import type { Capacity, Funnel, Gaps } from '../../api/types';
import { t, type MessageKey } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { destroyCharts } from '../../ui/chart';
import { h, replaceChildren, uid } from '../../ui/dom';
import { errorBox, loading } from '../../ui/feedback';
import { capacitySection } from './capacity.section';
import { capacityQuery, filtersForm, funnelQuery, gapsQuery, type Filters } from './filters';
import { funnelSection, overdueSection } from './funnel.section';
import { gapsSection } from './gaps.section';

/**
 * The coordinator's view of the network: counts and organisation-level figures, never a person.
 * Each section loads on its own, so one failing endpoint leaves the others readable.
 */
export function renderDashboard({ main, params }: ViewContext): void {
  const section = (title: MessageKey) => {
    const body = h('div', { class: 'section__body' });
    const id = uid('section');
    return { element: h('section', { class: 'section', 'aria-labelledby': id }, h('h2', { id }, t(title)), body), body };
  };
  const funnel = section('funnel.title');
  const overdue = section('overdue.title');
  const gaps = section('gaps.title');
  const capacity = section('capacity.title');

  const load = (filters: Filters) => {
    destroyCharts();
    const fill = async <T>(target: HTMLElement, request: Promise<T>, render: (data: T) => HTMLElement[]) => {
      replaceChildren(target, loading());
      try {
        replaceChildren(target, ...render(await request));
      } catch (error) {
        replaceChildren(target, errorBox(error));
      }
    };
    const funnelData = get<Funnel>('/v1/coordination/funnel', funnelQuery(filters));
    void fill(funnel.body, funnelData, funnelSection);
    void fill(overdue.body, funnelData, overdueSection);
    void fill(gaps.body, get<Gaps>('/v1/coordination/gaps', gapsQuery(filters)), gapsSection);
    void fill(capacity.body, get<Capacity>('/v1/coordination/capacity', capacityQuery(filters)), capacitySection);
  };
  const initial = (params.filters as Filters | undefined) ?? {};
  main.append(
    filtersForm(initial, (filters) => {
      params.filters = filters;
      load(filters);
    }),
    funnel.element,
    overdue.element,
    gaps.element,
    capacity.element,
  );
  load(initial);
}
