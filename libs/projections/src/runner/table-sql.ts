import type { EntityManager, EntitySchema, ObjectLiteral, ValueTransformer } from 'typeorm';
import { columnArray, type ArrayColumn } from './column-array';

interface ColumnPlan extends ArrayColumn {
  property: string;
  column: string;
  /** The column's SQL type (`text[]` for a column of arrays). */
  sqlType: string;
  transformer?: ValueTransformer;
}

interface TablePlan {
  columns: ColumnPlan[];
  select: string;
  insert: string;
  upsert: string;
  remove: string;
}

const plans = new WeakMap<object, TablePlan>();
const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Hand-written SQL for a read-model table, from its TypeORM metadata. A batch goes to PostgreSQL as
 * one array parameter per column (`unnest`), however many rows it holds: TypeORM's own upsert binds
 * one parameter per value and its parameter handling grows quadratically with them, which made
 * replays CPU-bound in the query builder. Arrays rather than one JSON document of the rows
 * (`jsonb_to_recordset`, before): PostgreSQL parsed the whole document into jsonb at every batch,
 * the largest part of its work in a replay (README, Benchmarks); each column's array goes in
 * PostgreSQL's binary format where its type allows (column-array.ts). Names are
 * unqualified, so the search path picks the schema (which `projections rebuild` relies on to fill
 * shadow tables).
 */
function planOf(manager: EntityManager, entity: EntitySchema, key: string): TablePlan {
  const metadata = manager.connection.getMetadata(entity);
  const cached = plans.get(metadata);
  if (cached) return cached;
  const driver = manager.connection.driver as { normalizeType(column: object): string };
  const columns: ColumnPlan[] = metadata.columns.map((column) => {
    const type = driver.normalizeType(column);
    return {
      property: column.propertyName,
      column: column.databaseName,
      type: column.isArray ? 'text' : type,
      arrays: column.isArray,
      sqlType: `${type}${column.isArray ? '[]' : ''}`,
      transformer: column.transformer as ValueTransformer | undefined,
    };
  });
  const keyColumn = columns.find((column) => column.property === key);
  if (!keyColumn) throw new Error(`${metadata.tableName} has no column for the key ${key}`);
  const table = quote(metadata.tableName);
  const names = columns.map((column) => quote(column.column)).join(', ');
  // A column of arrays cannot be one parameter array (PostgreSQL's arrays are rectangular): its
  // values travel as text, each its own literal, and are cast here.
  const values = columns.map((c) => (c.arrays ? `${quote(c.column)}::${c.sqlType}` : quote(c.column))).join(', ');
  const parameters = columns.map((c, i) => `$${String(i + 1)}::${c.type}[]`).join(', ');
  const insert = `INSERT INTO ${table} (${names}) SELECT ${values} FROM unnest(${parameters}) AS x(${names})`;
  const plan: TablePlan = {
    columns,
    select: `SELECT ${names} FROM ${table} WHERE ${quote(keyColumn.column)} = ANY ($1::${keyColumn.sqlType}[])`,
    insert,
    upsert: `${insert}
      ON CONFLICT (${quote(keyColumn.column)}) DO UPDATE SET ${columns
        .filter((c) => c !== keyColumn)
        .map((c) => `${quote(c.column)} = EXCLUDED.${quote(c.column)}`)
        .join(', ')}`,
    remove: `DELETE FROM ${table} WHERE ${quote(keyColumn.column)} = ANY ($1::${keyColumn.sqlType}[])`,
  };
  plans.set(metadata, plan);
  return plan;
}

/** The rows whose key is in `ids`, as the entity's objects (transformers applied, as TypeORM would). */
export async function selectRows<Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntitySchema<Row>,
  key: string,
  ids: string[],
): Promise<Row[]> {
  const plan = planOf(manager, entity, key);
  const found: Record<string, unknown>[] = await manager.query(plan.select, [ids]);
  return found.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const column of plan.columns) {
      const value = raw[column.column];
      row[column.property] = column.transformer ? column.transformer.from(value) : value;
    }
    return row as Row;
  });
}

/**
 * Writes rows in one statement: `upsert`, rows that may exist (each is inserted or replaces the one
 * with its key); `insert`, rows known to be new (a key already there fails the statement).
 */
export async function writeRows<Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntitySchema<Row>,
  key: string,
  rows: Row[],
  how: 'insert' | 'upsert',
): Promise<void> {
  const plan = planOf(manager, entity, key);
  await manager.query(
    plan[how],
    plan.columns.map((column) =>
      columnArray(
        column,
        rows.map((row): unknown => (column.transformer ? column.transformer.to(row[column.property]) : row[column.property])),
      ),
    ),
  );
}

export async function deleteRows(manager: EntityManager, entity: EntitySchema, key: string, ids: string[]): Promise<void> {
  await manager.query(planOf(manager, entity, key).remove, [ids]);
}
