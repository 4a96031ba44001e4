import { label, t } from '../../i18n/i18n';
import { checkedValues, fieldValue, h } from '../../ui/dom';
import { choices, field, input, select } from '../../ui/forms';
import { RESEARCH_DIMENSIONS, RESEARCH_MAX_DIMENSIONS, RESEARCH_UNITS } from '../../vocabulary';

export type Unit = (typeof RESEARCH_UNITS)[number];
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/**
 * Unit, dimensions (the unit's allow-list, at most two), a period that is a calendar year or one of
 * its months (the API allows nothing else: overlapping ranges could be subtracted), the measures,
 * and an optional ε for a noisy answer paid from the researcher's budget.
 */
export function researchFields(unit: Unit, onUnit: (unit: Unit) => void): HTMLElement[] {
  const units = choices(
    t('research.unit'),
    'unit',
    RESEARCH_UNITS.map((u) => ({ value: u, label: label('unit', u) })),
    { type: 'radio', checked: [unit] },
  );
  units.addEventListener('change', (event) => onUnit((event.target as HTMLInputElement).value as Unit));
  const dimensions = choices(
    t('research.groupBy'),
    'groupBy',
    RESEARCH_DIMENSIONS[unit].map((d) => ({ value: d, label: label('dimension', d) })),
    { hint: t('research.maxDimensions', { max: RESEARCH_MAX_DIMENSIONS }) },
  );
  // Past the maximum, the other boxes are disabled rather than letting the API refuse the query.
  dimensions.addEventListener('change', () => {
    const boxes = [...dimensions.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    const full = boxes.filter((b) => b.checked).length >= RESEARCH_MAX_DIMENSIONS;
    for (const box of boxes) box.disabled = full && !box.checked;
  });
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  return [
    units,
    dimensions,
    h(
      'div',
      { class: 'filters__grid' },
      field(
        t('research.year'),
        select(
          'year',
          years.map((y) => ({ value: y, label: y })),
          { required: true, value: String(thisYear) },
        ),
      ),
      field(
        t('research.month'),
        select(
          'month',
          MONTHS.map((m) => ({ value: m, label: m })),
          { empty: t('research.wholeYear') },
        ),
      ),
    ),
    unit === 'referrals'
      ? choices(
          t('research.measures'),
          'measures',
          [
            { value: 'count', label: label('measure', 'count'), disabled: true },
            { value: 'medianDelay', label: label('measure', 'medianDelay') },
          ],
          { checked: ['count'] },
        )
      : h('span', {}),
    field(
      t('research.epsilon'),
      input('epsilon', 'number', { min: '0.001', max: '100', step: '0.001', inputmode: 'decimal' }),
      t('research.epsilonHint'),
    ),
  ];
}

/** POST /v1/research/queries body; the count is always asked for, the median only when ticked. */
export function researchBody(form: HTMLFormElement): Record<string, unknown> {
  const year = fieldValue(form, 'year') ?? String(new Date().getUTCFullYear());
  const month = fieldValue(form, 'month');
  const epsilon = fieldValue(form, 'epsilon');
  const body: Record<string, unknown> = {
    unit: checkedValues(form, 'unit')[0],
    groupBy: checkedValues(form, 'groupBy'),
    measures: ['count', ...checkedValues(form, 'measures').filter((m) => m !== 'count')],
    filters: { from: `${year}-${month ?? '01'}`, to: `${year}-${month ?? '12'}` },
  };
  if (epsilon !== undefined) body.epsilon = Number(epsilon);
  return body;
}
