import { Client } from 'pg';
import { createTestDatabase } from '@passerelle/testing';

/**
 * What every int suite relies on: test/global-setup.ts leaves a PostgreSQL in DATABASE_URL (the
 * embedded one when none was given), and createTestDatabase carves a private database out of it.
 */
describe('the PostgreSQL the int tests run against', () => {
  it('is in DATABASE_URL and answers', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version_num') AS version");
      expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });

  it('gives each suite a database of its own, which it can drop', async () => {
    const database = await createTestDatabase('test_server');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (id int)');
      expect((await client.query('SELECT current_database() AS name')).rows).toEqual([{ name: database.name }]);
    } finally {
      await client.end();
    }
    await database.drop();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      expect((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name])).rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
