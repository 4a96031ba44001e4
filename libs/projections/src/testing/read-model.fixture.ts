// The postgres adapter is not re-exported by the @passerelle/event-store barrel (apps choose their adapter), hence the path.
import { createPostgresEventStore, type PostgresEventStore } from '../../../event-store/src/postgres';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import type { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
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
  migrations: Array<new () => MigrationInterface> = [],
): Promise<ReadModelFixture> {
  const db = await createTestDatabase(prefix);
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 4 });
  const dataSource = createReadModelDataSource(db.url, entities, [...PROJECTION_RUNNER_MIGRATIONS, ...migrations]);
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
