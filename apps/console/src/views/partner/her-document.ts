import type { Fact, PrintableDocument } from '../../api/types';
import { h, type Child } from '../../ui/dom';

/**
 * Her receipt or report as the API wrote it, in her language: `lang` and `dir` on the article make
 * the browser lay Arabic, Dari and Pashto out right to left and pick a font that has the script.
 * Every value sits in <bdi>, so an organisation's Latin name or a phone number keeps its own order
 * inside a right-to-left line. It is the only part of the page that prints (styles.css, @media print).
 */
export function herDocument(printable: PrintableDocument): HTMLElement {
  return h(
    'article',
    { class: 'her-document', lang: printable.language, dir: printable.direction },
    h('header', {}, h('h2', { class: 'her-document__title' }, printable.title), facts(printable.facts)),
    h('p', { class: 'her-document__intro' }, printable.intro),
    ...printable.sections.map((section) =>
      h(
        'section',
        { class: 'her-document__section' },
        h('h3', {}, section.heading),
        ...section.paragraphs.map((paragraph) => h('p', {}, paragraph)),
        section.facts.length ? facts(section.facts) : null,
        section.table ? table(section.table) : null,
      ),
    ),
    h('footer', {}, h('p', {}, printable.footer)),
  );
}

const value = (text: string, ltr = false): HTMLElement => h('bdi', ltr ? { dir: 'ltr' } : {}, text);

function facts(list: Fact[]): HTMLElement {
  return h(
    'dl',
    { class: 'her-document__facts' },
    ...list.flatMap((fact): Child[] => [
      h('dt', {}, fact.term),
      h('dd', {}, ...fact.values.flatMap((text, i) => [i > 0 ? h('br') : null, value(text, fact.ltr)])),
    ]),
  );
}

function table(data: NonNullable<PrintableDocument['sections'][number]['table']>): HTMLElement {
  const cell = (text: string, index: number, header: boolean) =>
    h(header ? 'th' : 'td', { scope: header ? 'row' : null, class: data.numeric.includes(index) ? 'num' : null }, value(text));
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': data.caption },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, data.caption),
      h(
        'thead',
        {},
        h('tr', {}, ...data.columns.map((column, i) => h('th', { scope: 'col', class: data.numeric.includes(i) ? 'num' : null }, column))),
      ),
      h('tbody', {}, ...data.rows.map((row) => h('tr', {}, ...row.map((text, i) => cell(text, i, i === 0))))),
    ),
  );
}
