import { newIdempotencyKey, post } from '../../api/client';
import type { JsonScalar, ResearchAnswer } from '../../api/types';
import { formatNumber, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { h, replaceChildren } from '../../ui/dom';
import { errorBox } from '../../ui/feedback';
import { busy, form } from '../../ui/forms';
import { dataTable, type Column } from '../../ui/table';
import { researchBody, researchFields, type Unit } from './research-form';

type Row = ResearchAnswer['rows'][number];

/**
 * Anonymised aggregates with disclosure control (POST /v1/research/queries): suppressed cells are
 * shown as such, never as 0, and a noisy answer says how much of the ε budget it spent and what is left.
 */
export function renderResearch({ main, params, go }: ViewContext): void {
  const unit: Unit = params.unit === 'identifications' ? 'identifications' : 'referrals';
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  let idempotencyKey = newIdempotencyKey();
  const query = form(
    async (element) => {
      const body = researchBody(element);
      if ((body.groupBy as string[]).length === 0) {
        replaceChildren(result, h('p', { class: 'notice notice--error', role: 'alert' }, t('research.pickDimension')));
        return;
      }
      try {
        // An ε query spends budget: the Idempotency-Key makes a retry return the first answer, not pay twice.
        const answer = await busy(element, () => post<ResearchAnswer>('/v1/research/queries', body, idempotencyKey));
        idempotencyKey = newIdempotencyKey();
        replaceChildren(result, ...answerView(answer, body.groupBy as string[], body.measures as string[]));
      } catch (error) {
        replaceChildren(result, errorBox(error));
      }
    },
    ...researchFields(unit, (next) => go('research', { unit: next })),
    h('button', { type: 'submit', class: 'button' }, t('research.run')),
  );
  main.append(h('p', {}, t('research.intro')), query, result);
}

function answerView(answer: ResearchAnswer, groupBy: string[], measures: string[]): HTMLElement[] {
  const hidden = (row: Row) => row.suppressed === true;
  const suppressedBadge = () =>
    h('span', { class: 'badge badge--suppressed', title: t('research.suppressedHint') }, t('research.suppressed'));
  const columns: Column<Row>[] = [
    ...groupBy.map((dimension) => ({
      label: label('dimension', dimension),
      cell: (row: Row) => dimensionValue(dimension, row[dimension]),
      csv: (row: Row) => row[dimension] ?? '',
    })),
    {
      label: label('measure', 'count'),
      numeric: true,
      cell: (row: Row) => (hidden(row) ? suppressedBadge() : formatNumber(numberOf(row.count), 0)),
      csv: (row: Row) => (hidden(row) ? 'suppressed' : numberOf(row.count)),
    },
  ];
  if (measures.includes('medianDelay')) {
    columns.push({
      label: label('measure', 'medianDelay'),
      numeric: true,
      cell: (row: Row) => (hidden(row) ? suppressedBadge() : formatNumber(numberOf(row.medianDelayDays))),
      csv: (row: Row) => (hidden(row) ? 'suppressed' : numberOf(row.medianDelayDays)),
    });
  }
  const budget = answer.noise?.budget;
  const recoded = Object.entries(answer.recoded).filter(([, values]) => values.length > 0);
  return [
    h('p', { class: 'hint' }, t('research.k', { k: answer.k })),
    budget
      ? h(
          'p',
          { class: 'notice' },
          t('research.epsilonSpent', { value: formatNumber(budget.spent, 3) }),
          h('br'),
          t('research.epsilonLeft', { value: formatNumber(budget.remaining, 3), total: formatNumber(budget.total, 3) }),
        )
      : h('span', {}),
    dataTable<Row>(t('research.result'), columns, answer.rows, 'research'),
    ...recoded.map(([dimension, values]) =>
      h(
        'p',
        { class: 'hint' },
        t('research.recoded', {
          dimension: label('dimension', dimension),
          values: values.map((v) => dimensionValue(dimension, v)).join(', '),
        }),
      ),
    ),
  ];
}

const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

const KINDS: Record<string, string> = {
  organisationKind: 'kind',
  receiverKind: 'kind',
  service: 'service',
  outcome: 'researchOutcome',
  ageBand: 'ageBand',
  delayBand: 'delayBand',
};
/** A generalised value in words; an indicator set such as `gbv+trafficking` is named family by family. */
function dimensionValue(dimension: string, value: JsonScalar): string {
  if (value === null || value === undefined) return t('app.none');
  const text = String(value);
  if (text === 'other') return label('value', 'other');
  if (dimension === 'indicatorSet')
    return text
      .split('+')
      .map((family) => label('family', family))
      .join(' + ');
  const kind = KINDS[dimension];
  return kind ? label(kind, text) : text;
}
