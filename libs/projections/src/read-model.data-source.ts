import { DataSource, type DataSourceOptions } from 'typeorm';

type Entities = NonNullable<DataSourceOptions['entities']>;

/**
 * A TypeORM DataSource (pg) for read models. It changes no schema: the tables come from each read
 * model's numbered migrations, applied at start with every module's (docs/adr/0006-one-schema-mechanism.md);
 * never `synchronize`, which could drop a column of a live read model on a typo.
 */
export function createReadModelDataSource(url: string, entities: Entities): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    synchronize: false,
    logging: false,
    // Read models are rebuilt from the event store, and a checkpoint commits with its rows: losing
    // the last few milliseconds of projection work in a crash only replays them. Skipping the
    // commit fsync keeps projections from competing with appends for the disk.
    extra: { options: '-c synchronous_commit=off' },
  });
}
