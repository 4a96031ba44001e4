// The postgres adapter is not re-exported by the @passerelle/event-store barrel (apps choose their adapter), hence the path.
import { createPostgresEventStore, type PostgresEventStore } from '../../../event-store/src/postgres';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { migrate, type MigrationSet } from '@passerelle/migrations';
import { Client } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { createReadModelDataSource } from '../read-model.data-source';
import { PROJECTION_RUNNER_MIGRATIONS } from '../runner/projection-checkpoints.migration';

export interface ReadModelFixture {
  db: TestDatabase;
  store: PostgresEventStore;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh database holding both an event store and a migrated read model (int specs only). */
export async function openReadModelFixture(
  prefix: string,
  entities: NonNullable<DataSourceOptions['entities']> = [],
  migrations: MigrationSet | readonly MigrationSet[] = [],
): Promise<ReadModelFixture> {
  const db = await createTestDatabase(prefix);
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 4 });
  // The same runner the apps use at start, on the runner's checkpoints and the read models under test.
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await migrate(client, [PROJECTION_RUNNER_MIGRATIONS, ...[migrations].flat()]);
  } finally {
    await client.end();
  }
  const dataSource = createReadModelDataSource(db.url, entities);
  await dataSource.initialize();
  return {
    db,
    store,
    dataSource,
    async close() {
      await store.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}
