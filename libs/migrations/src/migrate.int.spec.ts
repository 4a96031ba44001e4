import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Pool } from 'pg';
import { migrate } from './migrate';
import type { MigrationSet } from './migration';

const NOTES: MigrationSet = {
  module: 'notes',
  migrations: [
    { id: '0001', name: 'create-notes', up: () => 'CREATE TABLE IF NOT EXISTS notes (id int PRIMARY KEY, body text NOT NULL)' },
    { id: '0002', name: 'add-notes-author', up: () => ['ALTER TABLE notes ADD COLUMN author text', "UPDATE notes SET author = 'unknown'"] },
  ],
};

describe('the migration runner', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeEach(async () => {
    database = await createTestDatabase('migrations');
    pool = new Pool({ connectionString: database.url, max: 6 });
    // pool.end() resolves before its sockets close: the drop WITH (FORCE) below may still end one.
    pool.on('error', () => undefined);
  });
  afterEach(async () => {
    await pool.end();
    await database.drop();
  });

  it('applies each migration once, in order, and records it', async () => {
    expect(await migrate(pool, [NOTES])).toEqual([
      { module: 'notes', id: '0001', name: 'create-notes' },
      { module: 'notes', id: '0002', name: 'add-notes-author' },
    ]);
    expect(await migrate(pool, [NOTES])).toEqual([]);
    const { rows } = await pool.query('SELECT module, id, name FROM schema_migrations ORDER BY id');
    expect(rows).toEqual([
      { module: 'notes', id: '0001', name: 'create-notes' },
      { module: 'notes', id: '0002', name: 'add-notes-author' },
    ]);
  });

  it('lets processes starting together apply a migration exactly once', async () => {
    const runs = await Promise.all(Array.from({ length: 5 }, () => migrate(pool, [NOTES])));
    expect(runs.map((applied) => applied.length).sort()).toEqual([0, 0, 0, 0, 2]);
  });

  it('upgrades a database whose tables an earlier version made without recording them (idempotent 0001)', async () => {
    await pool.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
    await pool.query("INSERT INTO notes VALUES (1, 'kept')");
    await migrate(pool, [NOTES]);
    expect((await pool.query('SELECT body, author FROM notes')).rows).toEqual([{ body: 'kept', author: 'unknown' }]);
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const broken: MigrationSet = {
      module: 'notes',
      migrations: [...NOTES.migrations, { id: '0003', name: 'broken', up: () => 'ALTER TABLE nowhere ADD COLUMN x int' }],
    };
    await expect(migrate(pool, [broken])).rejects.toThrow(/nowhere/);
    expect((await pool.query("SELECT to_regclass('notes') AS notes")).rows).toEqual([{ notes: null }]);
  });

  it('migrates into a schema of its own, recorded there', async () => {
    await migrate(pool, [NOTES], { schema: 'elsewhere' });
    expect(
      (await pool.query("SELECT to_regclass('elsewhere.notes') IS NOT NULL AS made, to_regclass('public.notes') IS NULL AS not_public"))
        .rows,
    ).toEqual([{ made: true, not_public: true }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM elsewhere.schema_migrations')).rows).toEqual([{ n: 2 }]);
  });

  it('refuses ids out of order', async () => {
    const swapped: MigrationSet = { module: 'notes', migrations: [NOTES.migrations[1]!, NOTES.migrations[0]!] };
    await expect(migrate(pool, [swapped])).rejects.toThrow(/ascending order/);
  });
});
