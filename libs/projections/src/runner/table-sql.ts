import type { EntityManager, EntitySchema, ObjectLiteral, ValueTransformer } from 'typeorm';

interface ColumnPlan {
  property: string;
  column: string;
  /** The SQL type of the column, used to read the JSON batch back into typed values. */
  type: string;
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
 * one JSON parameter (`jsonb_to_recordset`), however many rows it holds: TypeORM's own upsert binds
 * one parameter per value and its parameter handling grows quadratically with them, which made
 * replays CPU-bound in the query builder. Names are unqualified, so the search path picks the
 * schema (which `projections rebuild` relies on to fill shadow tables).
 */
function planOf(manager: EntityManager, entity: EntitySchema, key: string): TablePlan {
  const metadata = manager.connection.getMetadata(entity);
  const cached = plans.get(metadata);
  if (cached) return cached;
  const driver = manager.connection.driver as { normalizeType(column: object): string };
  const columns: ColumnPlan[] = metadata.columns.map((column) => ({
    property: column.propertyName,
    column: column.databaseName,
    type: `${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`,
    transformer: column.transformer as ValueTransformer | undefined,
  }));
  const keyColumn = columns.find((column) => column.property === key);
  if (!keyColumn) throw new Error(`${metadata.tableName} has no column for the key ${key}`);
  const table = quote(metadata.tableName);
  const names = columns.map((column) => quote(column.column)).join(', ');
  const insert = `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map((c) => `${quote(c.column)} ${c.type}`).join(', ')})`;
  const plan: TablePlan = {
    columns,
    select: `SELECT ${names} FROM ${table} WHERE ${quote(keyColumn.column)} = ANY ($1::${keyColumn.type}[])`,
    insert,
    upsert: `${insert}
      ON CONFLICT (${quote(keyColumn.column)}) DO UPDATE SET ${columns
        .filter((c) => c !== keyColumn)
        .map((c) => `${quote(c.column)} = EXCLUDED.${quote(c.column)}`)
        .join(', ')}`,
    remove: `DELETE FROM ${table} WHERE ${quote(keyColumn.column)} = ANY ($1::${keyColumn.type}[])`,
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
  await manager.query(plan[how], [asJson(plan, rows)]);
}

/** The rows as one JSON array of objects keyed by column (transformers applied, as TypeORM would). */
function asJson(plan: TablePlan, rows: ObjectLiteral[]): string {
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const column of plan.columns)
      record[column.column] = jsonValue(column.transformer ? column.transformer.to(row[column.property]) : row[column.property]);
    return record;
  });
  return JSON.stringify(records);
}

/**
 * What JSON.stringify would write for a bigint (which it refuses) and a date: a date as a string
 * already keeps the records plain, which V8 stringifies about a third faster than objects holding
 * a Date (test/bench: rebuild).
 */
function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return value;
}

export async function deleteRows(manager: EntityManager, entity: EntitySchema, key: string, ids: string[]): Promise<void> {
  await manager.query(planOf(manager, entity, key).remove, [ids]);
}
