import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { createPostgresEventStore } from '@passerelle/event-store/postgres';
import { Keyring, parseLinkageSecret, parseMasterKey } from '@passerelle/privacy';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS, createReadModelDataSource } from '@passerelle/projections';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ApiKeyStore } from '../auth/api-key.store';
import { ORGANISATION_KIND_LOOKUP } from '../auth/auth.guard';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { organisationKinds } from './organisation-kinds';
import type { RuntimeSettings } from './runtime-settings';
import { APP_CONFIG, LINKAGE_SECRET, PG_POOL, READ_MODEL } from './tokens';

/**
 * Everything every app shares: one pool for platform tables, the event store, the keyring, the
 * read-model DataSource. Each adapter creates its own tables idempotently at start.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
  ) {}

  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: settings },
        { provide: PG_POOL, useFactory: () => quietOnIdleErrors(new Pool({ connectionString: settings.databaseUrl, max: 10 })) },
        { provide: EVENT_STORE, useFactory: () => openEventStore(settings) },
        { provide: LINKAGE_SECRET, useFactory: () => parseLinkageSecret(settings.linkageKey) },
        {
          provide: Keyring,
          inject: [PG_POOL],
          useFactory: async (pool: Pool) => {
            const keyring = new Keyring(pool, parseMasterKey(settings.masterKey));
            await keyring.migrate();
            return keyring;
          },
        },
        { provide: ApiKeyStore, inject: [PG_POOL], useFactory: async (pool: Pool) => migrated(new ApiKeyStore(pool)) },
        { provide: IdempotencyStore, inject: [PG_POOL], useFactory: async (pool: Pool) => migrated(new IdempotencyStore(pool)) },
        {
          provide: READ_MODEL,
          useFactory: () => createReadModelDataSource(settings.databaseUrl, READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS).initialize(),
        },
        { provide: ORGANISATION_KIND_LOOKUP, inject: [EVENT_STORE], useFactory: organisationKinds },
      ],
      exports: [APP_CONFIG, PG_POOL, EVENT_STORE, LINKAGE_SECRET, Keyring, ApiKeyStore, IdempotencyStore, READ_MODEL, ORGANISATION_KIND_LOOKUP],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    if (this.readModel.isInitialized) await this.readModel.destroy();
    await this.pool.end();
  }
}

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

async function migrated<T extends { migrate(): Promise<void> }>(store: T): Promise<T> {
  await store.migrate();
  return store;
}

/** An idle pooled connection that drops emits 'error' on the pool (unhandled, it kills the process); the next query reconnects. */
function quietOnIdleErrors(pool: Pool): Pool {
  pool.on('error', () => undefined);
  return pool;
}
