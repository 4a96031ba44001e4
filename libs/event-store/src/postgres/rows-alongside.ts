import type { RowAlongside } from '../event-store.port';

/**
 * Rows of other tables written in an append's transaction (AppendOptions.alongside,
 * docs/adr/0017-keys-in-the-append-transaction.md): the SQL of a batch's rows, grouped by table.
 * Values travel as one JSON literal per table, read by `jsonb_populate_recordset(NULL::<table>, …)`,
 * which gives each column its own type (uuid, bytea, timestamptz…) without the caller naming it.
 */

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks the rows of one append before it joins a batch: anything PostgreSQL would refuse for its
 * form (a name that is not a plain identifier, a NUL) would fail the unrelated appends of the batch.
 */
export function prepareRowsAlongside(rows: readonly RowAlongside[] | undefined): RowAlongside[] {
  return (rows ?? []).map((row) => {
    for (const name of [row.table, row.key, ...Object.keys(row.values)]) {
      if (!NAME.test(name)) throw new TypeError(`A row alongside an append names "${name}": plain lower-case identifiers only`);
    }
    const key = row.values[row.key];
    if (key === undefined) throw new TypeError(`A row alongside an append into ${row.table} has no value for its key ${row.key}`);
    if (Object.values(row.values).some((value) => typeof value !== 'string' || value.includes('\u0000'))) {
      throw new TypeError(`A row alongside an append into ${row.table} has a value that is not text, or holds NUL`);
    }
    return { table: row.table, key: row.key, values: { ...row.values } };
  });
}

/** Identifies a row across tables: what `existingRowsStatement` answers and a plan compares. */
export const rowId = (table: string, key: string): string => `${table}\u0000${key}`;

export const keyOf = (row: RowAlongside): string => row.values[row.key] ?? '';

interface TableGroup {
  table: string;
  key: string;
  columns: string;
  rows: RowAlongside[];
}

/** Rows grouped by table, key column and set of columns: one insert each. */
function byTable(rows: readonly RowAlongside[]): TableGroup[] {
  const groups = new Map<string, TableGroup>();
  for (const row of rows) {
    const columns = Object.keys(row.values).sort().join(', ');
    const id = `${row.table} ${row.key} ${columns}`;
    const group = groups.get(id) ?? { table: row.table, key: row.key, columns, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return [...groups.values()];
}

const recordset = ({ table, rows }: TableGroup, literal: (value: string) => string): string =>
  `jsonb_populate_recordset(NULL::${table}, ${literal(JSON.stringify(rows.map((row) => row.values)))}::jsonb)`;

/** Which of the rows are already in their tables: `(row_table, row_key)` pairs, one query per table. */
export function existingRowsQueries(rows: readonly RowAlongside[], literal: (value: string) => string): string[] {
  return byTable(rows).map(
    (group) =>
      `SELECT ${literal(group.table)} AS row_table, t.${group.key}::text AS row_key FROM ${recordset(group, literal)} AS n ` +
      `JOIN ${group.table} AS t ON t.${group.key} = n.${group.key}`,
  );
}

/** True when none of the rows is in its table yet: part of an optimistic batch's guard. */
export function noneExists(rows: readonly RowAlongside[], literal: (value: string) => string): string {
  const queries = existingRowsQueries(rows, literal);
  return queries.length === 0 ? 'true' : `NOT EXISTS (${queries.join(' UNION ALL ')})`;
}

/** Data-modifying CTEs (`name AS (INSERT …)`) that insert the rows when the batch's guard holds. */
export function insertCtes(rows: readonly RowAlongside[], literal: (value: string) => string, held: string): string[] {
  return byTable(rows).map(
    (group, index) =>
      `alongside_${String(index)} AS (INSERT INTO ${group.table} (${group.columns}) ` +
      `SELECT ${group.columns} FROM ${recordset(group, literal)} AS n WHERE ${held})`,
  );
}
