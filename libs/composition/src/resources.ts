import { Logger } from '@nestjs/common';
import { ApiKeyStore, ORGANISATION_KIND_LOOKUP, organisationKinds } from '@passerelle/auth';
import { APP_CONFIG, LINKAGE_SECRET, type RuntimeSettings } from '@passerelle/config';
import { PG_POOL, READ_MODEL } from '@passerelle/database';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { createPostgresEventStore } from '@passerelle/event-store/postgres';
import { IdempotencyStore } from '@passerelle/http';
import { Keyring, parseLinkageSecret, parseMasterKey } from '@passerelle/privacy';
import { migrate, type AppliedMigration } from '@passerelle/migrations';
import { READ_MODEL_ENTITIES, createReadModelDataSource } from '@passerelle/projections';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Resource } from './infrastructure.module';
import { SCHEMA_MIGRATIONS } from './schema.catalogue';

/** Provided once every module's migrations are applied; resources that use tables inject it to open after. */
export const SCHEMA = Symbol('SCHEMA');

/**
 * The building blocks of the apps' composition roots, one per resource: each app lists those it
 * needs (apps/<app>/src/*.infrastructure.ts). `service` names the app in connection names.
 */
/**
 * Applies every module's pending migrations (schema.catalogue.ts) once, before anything uses a
 * table: the first resource each app opens.
 */
export const schema = (settings: RuntimeSettings, service: string): Resource<AppliedMigration[]> => ({
  provide: SCHEMA,
  open: () => migrateSchema(settings.databaseUrl, service),
});

export const appConfig = (settings: RuntimeSettings): Resource<RuntimeSettings> => ({ provide: APP_CONFIG, open: () => settings });

export const linkageSecret = (settings: RuntimeSettings): Resource => ({ provide: LINKAGE_SECRET, open: () => parseLinkageSecret(settings.linkageKey) });

/** The pool of the tables outside the event store and the read models: keys, idempotency, webhooks, access log. */
export const platformPool = (settings: RuntimeSettings, _service: string): Resource<Pool> => ({
  provide: PG_POOL,
  inject: [SCHEMA],
  open: () => quietOnIdleErrors(new Pool({ connectionString: settings.databaseUrl, max: 10 })),
  close: (pool) => pool.end(),
});

export const eventStore = (settings: RuntimeSettings, _service: string): Resource<EventStore> => ({
  provide: EVENT_STORE,
  inject: [SCHEMA],
  open: () => openEventStore(settings),
  close: (store) => store.close(),
});

export const readModel = (settings: RuntimeSettings, _service: string): Resource<DataSource> => ({
  provide: READ_MODEL,
  inject: [SCHEMA],
  open: () => createReadModelDataSource(settings.databaseUrl, READ_MODEL_ENTITIES).initialize(),
  close: async (dataSource) => {
    if (dataSource.isInitialized) await dataSource.destroy();
  },
});

export const keyring = (settings: RuntimeSettings): Resource<Keyring> => ({
  provide: Keyring,
  inject: [PG_POOL],
  open: (pool: Pool) => new Keyring(pool, parseMasterKey(settings.masterKey)),
});

export const apiKeys = (): Resource<ApiKeyStore> => ({ provide: ApiKeyStore, inject: [PG_POOL], open: (pool: Pool) => new ApiKeyStore(pool) });

export const organisationKindLookup = (): Resource => ({ provide: ORGANISATION_KIND_LOOKUP, inject: [EVENT_STORE], open: organisationKinds });

export const idempotency = (): Resource<IdempotencyStore> => ({ provide: IdempotencyStore, inject: [PG_POOL], open: (pool: Pool) => new IdempotencyStore(pool) });

/** EVENT_STORE=eventstoredb loads the gRPC client only then (import on demand); postgres is the default. */
async function openEventStore(settings: RuntimeSettings): Promise<EventStore> {
  if (settings.eventStore?.kind !== 'eventstoredb') return createPostgresEventStore({ connectionString: settings.databaseUrl });
  const { createEventStoreDbEventStore } = await import('@passerelle/event-store/eventstoredb');
  const logger = new Logger('EventStoreDB');
  return createEventStoreDbEventStore({
    connectionString: settings.eventStore.connectionString,
    resubscribe: { onDropped: (error, checkpoint, retryInMs) => logger.warn(`subscription dropped after ${checkpoint ?? 'the start'}, resubscribing in ${retryInMs} ms: ${error instanceof Error ? error.message : String(error)}`) },
  });
}

/**
 * Every module's migrations on one short-lived connection, under the runner's advisory lock: a
 * service started beside others waits for the first one's migrations, then finds none left.
 */
export async function migrateSchema(databaseUrl: string, service: string): Promise<AppliedMigration[]> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, application_name: `passerelle-${service}-migrations` });
  await client.connect();
  try {
    return await migrate(client, SCHEMA_MIGRATIONS);
  } finally {
    await client.end();
  }
}

/** An idle pooled connection that drops emits 'error' on the pool (unhandled, it kills the process); the next query reconnects. */
function quietOnIdleErrors(pool: Pool): Pool {
  pool.on('error', () => undefined);
  return pool;
}
