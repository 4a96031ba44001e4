import { newIdempotencyKey, post } from '../../api/client';
import type { ResearchAnswer } from '../../api/types';
import { formatNumber, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { h, replaceChildren } from '../../ui/dom';
import { errorBox } from '../../ui/feedback';
import { busy, form } from '../../ui/forms';
import { dataTable } from '../../ui/table';
import { researchBody, researchFields, type Unit } from './research-form';

type Row = ResearchAnswer['rows'][number];

/**
 * Anonymised aggregates with disclosure control: suppressed cells are shown as such (never as 0),
 * and the ε budget spent and left is shown when the API reports it.
 */
export function renderResearch({ main, params, go }: ViewContext): void {
  const unit: Unit = params.unit === 'identifications' ? 'identifications' : 'referrals';
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  let idempotencyKey = newIdempotencyKey();
  const query = form(async (element) => {
    const body = researchBody(element);
    if ((body.groupBy as string[]).length === 0) {
      replaceChildren(result, h('p', { class: 'notice notice--error', role: 'alert' }, t('research.pickDimension')));
      return;
    }
    try {
      const answer = await busy(element, () => post<ResearchAnswer>('/v1/research/queries', body, idempotencyKey));
      idempotencyKey = newIdempotencyKey();
      replaceChildren(result, ...answerView(answer, body.groupBy as string[]));
    } catch (error) {
      replaceChildren(result, errorBox(error));
    }
  },
  ...researchFields(unit, (next) => go('research', { unit: next })),
  h('button', { type: 'submit', class: 'button' }, t('research.run')));
  main.append(h('p', {}, t('research.intro')), query, result);
}

function answerView(answer: ResearchAnswer, groupBy: string[]): HTMLElement[] {
  const measure = 'count';
  const suppressed = (row: Row) => row.suppressed === true || (row.suppressed !== undefined && row.suppressed !== null && row.suppressed !== false);
  const epsilon = answer.epsilon;
  const left = epsilon?.remaining ?? epsilon?.left;
  return [
    answer.k !== undefined ? h('p', { class: 'hint' }, t('research.k', { k: answer.k })) : h('span', {}),
    epsilon?.spent !== undefined ? h('p', { class: 'hint' }, t('research.epsilonSpent', { value: formatNumber(epsilon.spent, 4) })) : h('span', {}),
    left !== undefined ? h('p', { class: 'hint' }, t('research.epsilonLeft', { value: formatNumber(left, 4) })) : h('span', {}),
    dataTable<Row>(t('view.research'), [
      ...groupBy.map((dimension) => ({
        label: label('dimension', dimension),
        cell: (row: Row) => dimensionValue(dimension, row[dimension]),
        csv: (row: Row) => String(row[dimension] ?? ''),
      })),
      {
        label: label('measure', measure),
        numeric: true,
        cell: (row: Row) => (suppressed(row)
          ? h('span', { class: 'badge badge--suppressed', title: t('research.suppressedHint') }, t('research.suppressed'))
          : formatNumber(typeof row[measure] === 'number' ? row[measure] : null)),
        csv: (row: Row) => (suppressed(row) ? 'suppressed' : typeof row[measure] === 'number' ? row[measure] : null),
      },
    ], answer.rows, 'research'),
  ];
}

const KINDS: Record<string, string> = { organisationKind: 'kind', receiverKind: 'kind', service: 'service', outcome: 'outcome', ageBand: 'ageBand' };
const dimensionValue = (dimension: string, value: unknown): string => {
  const text = value === null || value === undefined ? t('app.none') : String(value);
  const kind = KINDS[dimension];
  return kind ? label(kind, text) : text;
};
