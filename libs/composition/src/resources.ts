import { Logger } from '@nestjs/common';
import {
  ApiKeyStore,
  AuthInvalidation,
  CookieSessionAuthenticator,
  CredentialStore,
  ORGANISATION_KIND_LOOKUP,
  organisationKinds,
  PeopleStore,
  SESSION_AUTHENTICATOR,
  SessionCookie,
  SessionStore,
  SignInThrottle,
  TotpBox,
} from '@passerelle/auth';
import { APP_CONFIG, LINKAGE_SECRET, type RuntimeSettings } from '@passerelle/config';
import { connectionConfig, createPool, PG_POOL, READ_MODEL } from '@passerelle/database';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { createPostgresEventStore } from '@passerelle/event-store/postgres';
import { IdempotencyStore } from '@passerelle/http';
import type { AppliedMigration } from '@passerelle/migrations';
import { Keyring, LinkageKeyStore, parseLinkageSecret, parseMasterKey } from '@passerelle/privacy';
import { READ_MODEL_ENTITIES, createReadModelDataSource } from '@passerelle/projections';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Resource } from './infrastructure.module';
import { migrateSchema } from './schema.catalogue';

/*
 * The building blocks of the apps' composition roots, one per resource: each app lists those it
 * needs (apps/<app>/src/*.infrastructure.ts). `service` names the app in connection names
 * (`passerelle-<service>-<purpose>`, libs/database/src/pg-pool.ts): one pool per purpose.
 */

/** Provided once every module's migrations are applied; resources that use tables inject it to open after. */
export const SCHEMA = Symbol('SCHEMA');

/** Applies every module's pending migrations (schema.catalogue.ts) once, before anything uses a table. */
export const schema = (settings: RuntimeSettings, service: string): Resource<AppliedMigration[]> => ({
  provide: SCHEMA,
  open: () => migrateSchema(settings.databaseUrl, service),
});

export const appConfig = (settings: RuntimeSettings): Resource<RuntimeSettings> => ({ provide: APP_CONFIG, open: () => settings });

export const linkageSecret = (settings: RuntimeSettings): Resource => ({
  provide: LINKAGE_SECRET,
  open: () => parseLinkageSecret(settings.linkageKey),
});

/** The pool of the tables outside the event store and the read models: keys, idempotency, webhooks, access log, /health. */
export const platformPool = (settings: RuntimeSettings, service: string): Resource<Pool> => ({
  provide: PG_POOL,
  inject: [SCHEMA],
  open: () => createPool({ connectionString: settings.databaseUrl, service, purpose: 'platform' }),
  close: (pool) => pool.end(),
});

export const eventStore = (settings: RuntimeSettings, service: string): Resource<EventStore> => ({
  provide: EVENT_STORE,
  inject: [SCHEMA],
  open: () => openEventStore(settings, service),
  close: (store) => store.close(),
});

export const readModel = (settings: RuntimeSettings, service: string): Resource<DataSource> => ({
  provide: READ_MODEL,
  inject: [SCHEMA],
  open: () => createReadModelDataSource(settings.databaseUrl, READ_MODEL_ENTITIES, { service }).initialize(),
  close: async (dataSource) => {
    if (dataSource.isInitialized) await dataSource.destroy();
  },
});

/** After the migrations: a master key that cannot open the data keys already stored stops the start, saying so. */
export const keyring = (settings: RuntimeSettings): Resource<Keyring> => ({
  provide: Keyring,
  inject: [PG_POOL, SCHEMA],
  open: async (pool: Pool) => {
    const ring = new Keyring(pool, parseMasterKey(settings.masterKey));
    await ring.checkMasterKey();
    return ring;
  },
});

/**
 * The process's ear on `passerelle_auth` (libs/auth/src/auth-invalidation.ts): while it listens,
 * verified credentials may be cached; a revocation anywhere clears them within the notification's delay.
 */
export const authInvalidation = (settings: RuntimeSettings, service: string): Resource<AuthInvalidation> => ({
  provide: AuthInvalidation,
  inject: [SCHEMA],
  open: async () => {
    const invalidation = new AuthInvalidation(connectionConfig({ connectionString: settings.databaseUrl, service, purpose: 'auth' }));
    await invalidation.start();
    return invalidation;
  },
  close: (invalidation) => invalidation.stop(),
});

/** Her linkage keys, outside the events so that erasure can delete them (docs/adr/0011-linkage-keys-outside-the-events.md). */
export const linkageKeys = (): Resource<LinkageKeyStore> => ({
  provide: LinkageKeyStore,
  inject: [PG_POOL],
  open: (pool: Pool) => new LinkageKeyStore(pool),
});

export const apiKeys = (): Resource<ApiKeyStore> => ({
  provide: ApiKeyStore,
  inject: [PG_POOL, AuthInvalidation],
  open: (pool: Pool, invalidation: AuthInvalidation) => new ApiKeyStore(pool, invalidation),
});

export const people = (): Resource<PeopleStore> => ({
  provide: PeopleStore,
  inject: [PG_POOL, AuthInvalidation],
  open: (pool: Pool, invalidation: AuthInvalidation) => new PeopleStore(pool, invalidation),
});

/** The public origin people reach: cookies, WebAuthn's relying party and the OpenID Connect redirect are bound to it. */
export const publicOrigin = (settings: RuntimeSettings) => settings.publicUrl ?? 'http://localhost:3000';

/** Signed-in people: their sessions, their credentials, the sign-in throttle, and the guard's cookie check. */
export const signIn = (settings: RuntimeSettings): Resource[] => [
  {
    provide: SessionStore,
    inject: [PG_POOL, AuthInvalidation],
    open: (pool: Pool, invalidation: AuthInvalidation) => new SessionStore(pool, invalidation, settings.sessions),
  },
  { provide: SessionCookie, open: () => new SessionCookie(publicOrigin(settings)) },
  { provide: CredentialStore, inject: [PG_POOL], open: (pool: Pool) => new CredentialStore(pool, new TotpBox(settings.masterKey)) },
  { provide: SignInThrottle, inject: [PG_POOL], open: (pool: Pool) => new SignInThrottle(pool) },
  {
    provide: SESSION_AUTHENTICATOR,
    inject: [SessionStore, SessionCookie],
    open: (sessions: SessionStore, cookie: SessionCookie) => new CookieSessionAuthenticator(sessions, cookie),
  },
];

export const organisationKindLookup = (): Resource => ({
  provide: ORGANISATION_KIND_LOOKUP,
  inject: [EVENT_STORE],
  open: organisationKinds,
});

export const idempotency = (settings: RuntimeSettings): Resource<IdempotencyStore> => ({
  provide: IdempotencyStore,
  inject: [PG_POOL],
  open: (pool: Pool) => new IdempotencyStore(pool, { ttlMs: settings.idempotencyTtlMs }),
});

/** EVENT_STORE=eventstoredb loads the gRPC client only then (import on demand); postgres is the default. */
export async function openEventStore(settings: Pick<RuntimeSettings, 'databaseUrl' | 'eventStore'>, service: string): Promise<EventStore> {
  if (settings.eventStore?.kind !== 'eventstoredb') return createPostgresEventStore({ connectionString: settings.databaseUrl, service });
  const { createEventStoreDbEventStore } = await import('@passerelle/event-store/eventstoredb');
  const logger = new Logger('EventStoreDB');
  return createEventStoreDbEventStore({
    connectionString: settings.eventStore.connectionString,
    resubscribe: {
      onDropped: (error, checkpoint, retryInMs) =>
        logger.warn(
          `subscription dropped after ${checkpoint ?? 'the start'}, resubscribing in ${retryInMs} ms: ${error instanceof Error ? error.message : String(error)}`,
        ),
    },
  });
}
