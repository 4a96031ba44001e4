import { label, t } from '../../i18n/i18n';
import { checkedValues, fieldValue, h } from '../../ui/dom';
import { choices, field, input } from '../../ui/forms';
import { RESEARCH_DIMENSIONS, RESEARCH_MAX_DIMENSIONS, RESEARCH_UNITS } from '../../vocabulary';

export type Unit = (typeof RESEARCH_UNITS)[number];

/** Unit, dimensions (the allow-list of the unit, at most two) and a period of months. */
export function researchFields(unit: Unit, onUnit: (unit: Unit) => void): HTMLElement[] {
  const units = choices(t('research.unit'), 'unit', RESEARCH_UNITS.map((u) => ({ value: u, label: label('unit', u) })), { type: 'radio', checked: [unit] });
  units.addEventListener('change', (event) => onUnit((event.target as HTMLInputElement).value as Unit));
  const dimensions = choices(t('research.groupBy'), 'groupBy', RESEARCH_DIMENSIONS[unit].map((d) => ({ value: d, label: label('dimension', d) })),
    { hint: t('research.maxDimensions', { max: RESEARCH_MAX_DIMENSIONS }) });
  // Past the maximum, the other boxes are disabled rather than letting the API refuse the query.
  dimensions.addEventListener('change', () => {
    const boxes = [...dimensions.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    const full = boxes.filter((b) => b.checked).length >= RESEARCH_MAX_DIMENSIONS;
    for (const box of boxes) box.disabled = full && !box.checked;
  });
  return [units, dimensions,
    h('div', { class: 'filters__grid' },
      field(t('research.from'), input('from', 'month')),
      field(t('research.to'), input('to', 'month')))];
}

/** POST /v1/research/queries body (DESIGN §8), with the unit the research API counts in. */
export function researchBody(form: HTMLFormElement): Record<string, unknown> {
  const filters = Object.fromEntries(Object.entries({ from: fieldValue(form, 'from'), to: fieldValue(form, 'to') }).filter(([, v]) => v !== undefined));
  return { unit: checkedValues(form, 'unit')[0], groupBy: checkedValues(form, 'groupBy'), measures: ['count'], filters };
}
