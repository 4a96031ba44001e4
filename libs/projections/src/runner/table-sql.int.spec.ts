import { randomUUID } from 'node:crypto';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { selectRows, writeRows } from './table-sql';

/** Every column type the read models use, each value written as one parameter array per column (table-sql.ts). */
interface Row {
  id: string;
  label: string | null;
  tags: string[];
  details: unknown;
  flag: boolean;
  count: number | null;
  at: Date | null;
  position: bigint;
}

const RowEntity = new EntitySchema<Row>({
  name: 'TableSqlRow',
  tableName: 'table_sql_rows',
  columns: {
    id: { type: 'uuid', primary: true },
    label: { type: 'text', nullable: true },
    tags: { type: 'text', array: true },
    details: { type: 'jsonb', nullable: true },
    flag: { type: 'boolean' },
    count: { type: 'integer', nullable: true },
    at: { type: 'timestamptz', nullable: true },
    position: positionColumn('position'),
  },
});

/** What a partner or a researcher may put in free text: quotes, backslashes, braces, commas, the word NULL, newlines, emoji. */
const AWKWARD = ['say "hi"', 'C:\\dossiers\\', '{a,b}', 'NULL', '', 'ligne 1\nligne 2', 'émilie 👩🏽‍⚕️', ' spaced ', 'a,b'];

describe('writing read-model rows as one parameter array per column', () => {
  let fx: ReadModelFixture;

  beforeAll(async () => {
    fx = await openReadModelFixture('projections_table_sql', [RowEntity]);
    await fx.dataSource.query(`CREATE TABLE table_sql_rows (
      id uuid PRIMARY KEY, label text NULL, tags text[] NOT NULL, details jsonb NULL, flag boolean NOT NULL,
      count integer NULL, at timestamptz NULL, position bigint NOT NULL)`);
  });
  afterAll(() => fx.close());

  const read = (ids: string[]) => fx.dataSource.transaction((manager) => selectRows(manager, RowEntity, 'id', ids));
  const write = (rows: Row[], how: 'insert' | 'upsert') =>
    fx.dataSource.transaction((manager) => writeRows(manager, RowEntity, 'id', rows, how));

  it('reads back exactly what it wrote, awkward text, arrays, JSON, nulls and large positions included', async () => {
    const rows: Row[] = AWKWARD.map((text, i) => ({
      id: randomUUID(),
      label: i === 0 ? null : text,
      tags: i === 1 ? [] : [text, ...AWKWARD],
      details: i === 2 ? null : { text, nested: { list: [text, 1, true, null] }, quote: '"' },
      flag: i % 2 === 0,
      count: i === 3 ? null : i - 4,
      at: i === 4 ? null : new Date(Date.UTC(2026, 11, 4, 10, i, 0, 123)),
      position: 2n ** 62n + BigInt(i),
    }));

    await write(rows, 'insert');

    const byId = new Map((await read(rows.map((row) => row.id))).map((row) => [row.id, row]));
    expect(rows.map((row) => byId.get(row.id))).toEqual(rows);
  });

  it('replaces the rows whose key is there on an upsert, and adds the others', async () => {
    const [kept, replaced] = [randomUUID(), randomUUID()];
    const row = (id: string, label: string): Row => ({
      id,
      label,
      tags: [label],
      details: { label },
      flag: true,
      count: 1,
      at: null,
      position: 1n,
    });
    await write([row(kept, 'first'), row(replaced, 'first')], 'insert');

    await write([row(replaced, 'second "one"'), row(randomUUID(), 'new')], 'upsert');

    expect((await read([kept, replaced])).map((r) => [r.id, r.label, r.tags, r.details]).sort()).toEqual(
      [
        [kept, 'first', ['first'], { label: 'first' }],
        [replaced, 'second "one"', ['second "one"'], { label: 'second "one"' }],
      ].sort(),
    );
  });

  it('fails an insert that meets a key already there, and writes none of its rows', async () => {
    const existing = randomUUID();
    const row = (id: string): Row => ({ id, label: 'x', tags: [], details: null, flag: false, count: null, at: null, position: 2n });
    await write([row(existing)], 'insert');
    const fresh = randomUUID();

    await expect(write([row(fresh), row(existing)], 'insert')).rejects.toThrow(/duplicate key/);

    expect(await read([fresh])).toEqual([]);
  });

  it('keeps every instant to the millisecond, before 2000 and far after it, and takes ISO strings and numeric strings too', async () => {
    const instants = [
      '1969-07-20T20:17:40.001Z',
      '1999-12-31T23:59:59.999Z',
      '2000-01-01T00:00:00.000Z',
      '2026-12-04T10:00:00.123Z',
      '2262-04-11T23:47:16.854Z',
    ];
    const rows = instants.map((at, i): Row => ({
      id: randomUUID(),
      label: null,
      tags: [],
      details: i,
      flag: i > 2,
      count: 2 ** 31 - 1 - i,
      at: new Date(at),
      position: BigInt(i),
    }));
    // What a projection might hand over instead of a Date or a bigint: sent as text, parsed by PostgreSQL.
    const loose = { ...rows[0], id: randomUUID(), at: '2026-06-01T12:00:00.5+02:00', position: '42' } as unknown as Row;

    await write([...rows, loose], 'insert');

    const byId = new Map((await read([...rows, loose].map((row) => row.id))).map((row) => [row.id, row]));
    expect(rows.map((row) => byId.get(row.id))).toEqual(rows);
    expect(byId.get(loose.id)).toMatchObject({ at: new Date('2026-06-01T10:00:00.500Z'), position: 42n });
  });

  it('reads an upper-case or unhyphenated uuid as the same key, and refuses one that is not a uuid, writing nothing', async () => {
    const id = randomUUID();
    const row = (key: string): Row => ({
      id: key,
      label: 'x',
      tags: ['a'],
      details: null,
      flag: false,
      count: null,
      at: null,
      position: 3n,
    });
    await write([row(id.toUpperCase().replace(/-/g, ''))], 'insert');
    expect((await read([id])).map((found) => found.id)).toEqual([id]);

    const other = randomUUID();
    await expect(write([row(other), row(`${id.slice(0, -1)}g`)], 'insert')).rejects.toThrow(/uuid/);
    await expect(write([row(other), row(`${id}0`)], 'insert')).rejects.toThrow(/uuid/);
    expect(await read([other])).toEqual([]);
  });
});
