import { DataSource, type DataSourceOptions } from 'typeorm';

type Entities = NonNullable<DataSourceOptions['entities']>;
type Migrations = NonNullable<DataSourceOptions['migrations']>;

/**
 * A TypeORM DataSource (pg) for read models. Schema changes only come from the explicit, raw-SQL
 * migrations passed in, run by `initialize()`; never `synchronize`, which could drop a column of a
 * live read model on a typo.
 *
 * WARNING: processes sharing one database run the same migrations at start; write them idempotent
 * (`IF NOT EXISTS`) so that a race between two starts is harmless.
 */
export function createReadModelDataSource(url: string, entities: Entities, migrations: Migrations): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTableName: 'read_model_migrations',
    synchronize: false,
    logging: false,
    // Read models are rebuilt from the event store, and a checkpoint commits with its rows: losing
    // the last few milliseconds of projection work in a crash only replays them. Skipping the
    // commit fsync keeps projections from competing with appends for the disk.
    extra: { options: '-c synchronous_commit=off' },
  });
}
