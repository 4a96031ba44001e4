import type { RecordedEvent } from '@passerelle/event-store';
import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';
import type { Projection } from './projection';
import { deleteRows, selectRows, upsertRows } from './table-sql';

/**
 * One read-model table fed by a pure evolver: the I/O lives in
 * {@link applyToTable}, the rules live in `evolve`, which unit tests can cover without a database.
 */
export interface ReadModelTable<Row extends ObjectLiteral, Event extends RecordedEvent> {
  entity: EntitySchema<Row>;
  /** Property (not column) name of the single-column primary key. */
  key: keyof Row & string;
  handles: readonly Event['type'][];
  /** The row an event belongs to. */
  keyOf(event: Event): string;
  /** Pure: returns the same object when nothing changes, null when the row should not exist. */
  evolve(row: Row | null, event: Event): Row | null;
}

/**
 * Folds a batch into a table with one read (`IN (ids)`) and at most one upsert and one delete,
 * whatever the batch size. Must run inside the runner's transaction (`manager`).
 */
export async function applyToTable<Row extends ObjectLiteral, Event extends RecordedEvent>(
  manager: EntityManager,
  table: ReadModelTable<Row, Event>,
  events: readonly RecordedEvent[],
): Promise<void> {
  const handled = new Set<string>(table.handles);
  const relevant = events.filter((event): event is Event => handled.has(event.type));
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.map((event) => table.keyOf(event)))];
  const loaded = await selectRows(manager, table.entity, table.key, ids);
  const before = new Map<string, Row>(loaded.map((row) => [String(row[table.key]), row]));
  const after = new Map<string, Row | null>(before);
  for (const event of relevant) {
    const id = table.keyOf(event);
    after.set(id, table.evolve(after.get(id) ?? null, event));
  }
  const upserts: Row[] = [];
  const deletes: string[] = [];
  for (const [id, row] of after) {
    if (row === before.get(id)) continue; // untouched: no write
    if (row) upserts.push(row);
    else if (before.has(id)) deletes.push(id);
  }
  if (upserts.length > 0) await upsertRows(manager, table.entity, table.key, upserts);
  if (deletes.length > 0) await deleteRows(manager, table.entity, table.key, deletes);
}

/**
 * A projection that is nothing but its tables: it handles exactly the events its tables handle and
 * folds each batch into them in the order given.
 */
// `any`: each table has its own row and event types; the helper only hands every table the same batch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tablesProjection(name: string, tables: readonly ReadModelTable<any, any>[]): Projection {
  return {
    name,
    handles: [...new Set(tables.flatMap((table) => table.handles as readonly string[]))],
    async applyBatch(manager, events) {
      for (const table of tables) await applyToTable(manager, table, events);
    },
  };
}

/**
 * The same projection cut into one lane per table, for a replay (libs/projections/src/rebuild/rebuild-catalogue.ts):
 * a table's rows depend only on its own events, so the tables can be replayed side by side.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tableLanes(name: string, tables: readonly ReadModelTable<any, any>[]): Projection[] {
  return tables.map((table) => tablesProjection(name, [table]));
}
