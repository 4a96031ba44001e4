import { applicationName, connectionConfig, logConnectionError, type ConnectionPurpose } from '@passerelle/database';
import { DataSource, type DataSourceOptions } from 'typeorm';

type Entities = NonNullable<DataSourceOptions['entities']>;

/** Who opens the read model, and for what: `passerelle-<service>-read-model` unless said otherwise. */
export type ReadModelConnection = Partial<Omit<ConnectionPurpose, 'connectionString'>>;

/**
 * A TypeORM DataSource (pg) for read models. It changes no schema: the tables come from each read
 * model's numbered migrations, applied at start with every module's (docs/adr/0006-one-schema-mechanism.md);
 * never `synchronize`, which could drop a column of a live read model on a typo. Its pool takes the
 * network's connection settings (libs/database/src/pg-pool.ts) through TypeORM's `extra`.
 */
export function createReadModelDataSource(url: string, entities: Entities, connection: ReadModelConnection = {}): DataSource {
  const purpose: ConnectionPurpose = {
    ...connection,
    connectionString: url,
    service: connection.service ?? 'tool',
    purpose: connection.purpose ?? 'read-model',
  };
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    synchronize: false,
    logging: false,
    poolErrorHandler: logConnectionError(applicationName(purpose)),
    extra: {
      ...connectionConfig(purpose),
      // Read models are rebuilt from the event store, and a checkpoint commits with its rows: losing
      // the last few milliseconds of projection work in a crash only replays them. Skipping the
      // commit fsync keeps projections from competing with appends for the disk.
      options: '-c synchronous_commit=off',
    },
  });
}
