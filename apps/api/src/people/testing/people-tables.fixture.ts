import { ApiKeyStore, AUTH_MIGRATIONS, PeopleStore } from '@passerelle/auth';
import { migrate } from '@passerelle/migrations';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Pool } from 'pg';
import { endPool } from '../../testing/use-case.fixtures';

/** The key and people tables on a fresh test database, for the people use-case specs. */
export async function peopleTables(prefix: string) {
  const db: TestDatabase = await createTestDatabase(prefix);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  await migrate(pool, [AUTH_MIGRATIONS]);
  return {
    pool,
    keys: new ApiKeyStore(pool),
    people: new PeopleStore(pool),
    async close() {
      await endPool(pool);
      await db.drop();
    },
  };
}
