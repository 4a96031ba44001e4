import { t } from '../i18n/i18n';
import { toCsv, download } from './csv';
import { h, type Child } from './dom';
import { emptyState } from './feedback';

export interface Column<Row> {
  label: string;
  /** What the cell shows. */
  cell: (row: Row) => Child;
  /** What the CSV holds for the cell: raw values, so a spreadsheet can compute with them. */
  csv: (row: Row) => string | number | null;
  numeric?: boolean;
  /** Keeps a short value such as 2026-11 on one line. */
  nowrap?: boolean;
}

/**
 * A table with a caption, a CSV download of exactly its rows, and its own horizontal scroll, so a
 * wide table never makes the whole page scroll sideways on a phone.
 */
export function dataTable<Row>(caption: string, columns: Column<Row>[], rows: Row[], csvName: string): HTMLElement {
  if (rows.length === 0) return h('div', { class: 'table-block' }, h('h3', {}, caption), emptyState(t('table.empty')));
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          ...columns.map((c, i) =>
            i === 0
              ? h('th', { scope: 'row' }, c.cell(row))
              : h('td', { class: c.numeric ? 'num' : c.nowrap ? 'nowrap' : null }, c.cell(row)),
          ),
        ),
      ),
    ),
  );
  const save = () =>
    download(
      `passerelle-${csvName}-${new Date().toISOString().slice(0, 10)}.csv`,
      toCsv(
        columns.map((c) => c.label),
        rows.map((row) => columns.map((c) => c.csv(row))),
      ),
    );
  return h(
    'div',
    { class: 'table-block' },
    h(
      'div',
      { class: 'table-block__head' },
      h('h3', {}, caption),
      h('button', { type: 'button', class: 'button button--secondary', onclick: save }, t('table.csv')),
    ),
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption }, table),
  );
}
