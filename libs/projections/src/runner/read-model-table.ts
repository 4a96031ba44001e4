import type { RecordedEvent } from '@passerelle/event-store';
import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';
import type { Projection } from './projection';
import { deleteRows, selectRows, writeRows } from './table-sql';

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
  /**
   * The event that starts a row, its stream's first: no event of the row comes before it in the
   * store (a referral is made before anything happens to it). Lets a replay into empty tables skip
   * looking up the rows it starts ({@link ApplyOptions.intoEmpty}).
   */
  creates?: Event['type'];
}

export interface ApplyOptions {
  /**
   * The table was empty when this replay began at position 0, and the replay alone writes it (a
   * rebuild's shadow table, libs/projections/src/rebuild/rebuild.ts): a row exists only if an
   * earlier batch wrote it. Then a row whose `creates` event is in the batch is not looked up, and
   * the rows new to the table are inserted rather than upserted, which costs PostgreSQL one index
   * probe less per row; a key written twice fails the rebuild instead of hiding.
   */
  intoEmpty?: boolean;
}

/** How a rebuild's lanes apply their batches: their shadow tables were empty when the replay began. */
export const INTO_EMPTY: ApplyOptions = { intoEmpty: true };

/**
 * Folds a batch into a table with at most one read (`IN (ids)`), one insert, one upsert and one
 * delete, whatever the batch size. Must run inside the runner's transaction (`manager`).
 */
export async function applyToTable<Row extends ObjectLiteral, Event extends RecordedEvent>(
  manager: EntityManager,
  table: ReadModelTable<Row, Event>,
  events: readonly RecordedEvent[],
  { intoEmpty = false }: ApplyOptions = {},
): Promise<void> {
  const handled = new Set<string>(table.handles);
  const relevant = events.filter((event): event is Event => handled.has(event.type));
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.map((event) => table.keyOf(event)))];
  const lookUp = intoEmpty ? startedBefore(table, relevant) : ids;
  const loaded = lookUp.length > 0 ? await selectRows(manager, table.entity, table.key, lookUp) : [];
  const before = new Map<string, Row>(loaded.map((row) => [String(row[table.key]), row]));
  const after = new Map<string, Row | null>(before);
  for (const event of relevant) {
    const id = table.keyOf(event);
    after.set(id, table.evolve(after.get(id) ?? null, event));
  }
  const inserts: Row[] = [];
  const upserts: Row[] = [];
  const deletes: string[] = [];
  for (const [id, row] of after) {
    if (row === before.get(id)) continue; // untouched: no write
    if (row) (intoEmpty && !before.has(id) ? inserts : upserts).push(row);
    else if (before.has(id)) deletes.push(id);
  }
  if (inserts.length > 0) await writeRows(manager, table.entity, table.key, inserts, 'insert');
  if (upserts.length > 0) await writeRows(manager, table.entity, table.key, upserts, 'upsert');
  if (deletes.length > 0) await deleteRows(manager, table.entity, table.key, deletes);
}

/** The keys whose first event in the batch is not the one that starts their row: only those can have one. */
function startedBefore<Event extends RecordedEvent>(table: ReadModelTable<ObjectLiteral, Event>, events: readonly Event[]): string[] {
  const first = new Map<string, Event['type']>();
  for (const event of events) {
    const id = table.keyOf(event);
    if (!first.has(id)) first.set(id, event.type);
  }
  return [...first].flatMap(([id, type]) => (table.creates !== undefined && type === table.creates ? [] : [id]));
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
 * The same projection cut into one lane per table, for a replay into empty tables
 * (libs/projections/src/rebuild/rebuild-catalogue.ts): a table's rows depend only on its own
 * events, so the tables can be replayed side by side.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tableLanes(name: string, tables: readonly ReadModelTable<any, any>[]): Projection[] {
  return tables.map((table) => ({
    name,
    handles: table.handles,
    applyBatch: (manager, events) => applyToTable(manager, table, events, INTO_EMPTY),
  }));
}
