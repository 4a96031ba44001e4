import { get } from '../../api/client';
import type { HerDocument } from '../../api/types';
import { formatNumber, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { fieldValue, h, replaceChildren } from '../../ui/dom';
import { errorBox, loading } from '../../ui/feedback';
import { busy, choices, field, form, input, select } from '../../ui/forms';
import { RECEIPT_LANGUAGE_NAMES, RECEIPT_LANGUAGES, TO_BE_REVIEWED } from '../../../../../libs/receipts/src/receipt-languages';
import { herDocument } from './her-document';

export type DocumentKind = 'receipt' | 'report';
const PATHS: Record<DocumentKind, string> = { receipt: 'consent-receipt', report: 'access-report' };

/**
 * Her consent receipt and her access report, for the organisation holding her case: chosen by file
 * number and language, shown as she will read it, printed with the browser (only the document
 * prints), and as an SMS text with its length in messages.
 */
export function renderDocuments({ main, params }: ViewContext): void {
  const output = h('div', { class: 'documents__output', 'aria-live': 'polite' });
  const language = select(
    'lang',
    RECEIPT_LANGUAGES.map((code) => ({ value: code, label: RECEIPT_LANGUAGE_NAMES[code] })),
    { empty: t('documents.consentLanguage'), value: typeof params.lang === 'string' ? params.lang : undefined },
  );
  const kind: DocumentKind = params.kind === 'report' ? 'report' : 'receipt';
  const show = async (element: HTMLFormElement) => {
    const caseId = fieldValue(element, 'caseId') ?? '';
    const chosen = (new FormData(element).get('kind') as DocumentKind | null) ?? 'receipt';
    replaceChildren(output, loading());
    try {
      const answer = await busy(element, () =>
        get<HerDocument>(`/v1/cases/${encodeURIComponent(caseId)}/${PATHS[chosen]}`, { lang: language.value || undefined }),
      );
      replaceChildren(output, ...shown(answer));
    } catch (error) {
      replaceChildren(output, errorBox(error));
    }
  };
  const chooser = form(
    show,
    field(
      t('documents.caseId'),
      input('caseId', 'text', {
        required: true,
        autocomplete: 'off',
        spellcheck: false,
        value: typeof params.caseId === 'string' ? params.caseId : '',
      }),
      t('documents.caseIdHint'),
    ),
    field(t('documents.language'), language),
    choices(
      t('documents.kind'),
      'kind',
      [
        { value: 'receipt', label: t('documents.receipt') },
        { value: 'report', label: t('documents.report') },
      ],
      { type: 'radio', checked: [kind] },
    ),
    h('button', { type: 'submit', class: 'button' }, t('documents.show')),
  );
  chooser.classList.add('no-print');
  main.append(h('p', { class: 'no-print' }, t('documents.intro')), chooser, output);
  if (typeof params.caseId === 'string') void show(chooser);
}

function shown(answer: HerDocument): HTMLElement[] {
  const { sms } = answer;
  const channel = sms.safety ? label('safeChannel', sms.safety.safeChannel) : t('app.none');
  return [
    h(
      'div',
      { class: 'buttons no-print' },
      h('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('documents.print')),
    ),
    answer.review === TO_BE_REVIEWED ? h('p', { class: 'notice notice--warning no-print' }, t('documents.toReview')) : null,
    'complete' in answer && !answer.complete ? h('p', { class: 'notice notice--warning no-print' }, t('documents.incomplete')) : null,
    herDocument(answer.document),
    h(
      'section',
      { class: 'sms no-print' },
      h('h2', {}, t('documents.sms')),
      sms.safeToSend ? null : h('p', { class: 'notice notice--error', role: 'alert' }, t('documents.smsUnsafe', { channel })),
      h('p', { class: 'sms__text', lang: answer.language, dir: answer.direction }, sms.text),
      h(
        'p',
        { class: 'hint' },
        t('documents.smsSize', {
          characters: formatNumber(sms.characters, 0),
          encoding: sms.encoding,
          segments: formatNumber(sms.segments, 0),
        }),
      ),
    ),
  ].filter((element): element is HTMLElement => element !== null);
}
