import type { RuntimeSettings } from '@passerelle/config';
import type { PersonIdentified } from '@passerelle/domain';
import type { EventMetadata } from '@passerelle/event-store';
import { aMetadata } from '@passerelle/event-store/testing';
import { generateMasterKey, Keyring, AccessLogStore, PRIVACY_MIGRATIONS } from '@passerelle/privacy';
import type { MigrationSet } from '@passerelle/migrations';
import { INBOX_ENTITIES, INBOX_MIGRATIONS, InboxQuery, inboxProjection, ProjectionRunner, type Projection } from '@passerelle/projections';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { openReadModelFixture, type ReadModelFixture } from '../../../../libs/projections/src/testing/read-model.fixture';
import { PersonAccessService } from '../shared/person-access';
import { endPool } from './use-case.fixtures';

/**
 * The read side of the query specs (`get-*.handler.int.spec.ts`), after emmett's
 * samples/webApi/expressjs-with-postgresql getDetails: given events appended to a PostgreSQL event
 * store on a fresh test database, a projection (the inbox, unless the spec names another) run until
 * its checkpoint reaches the head, then the query handler, built with `new`, over the same
 * database: the read model, and for the inbox a real keyring and the access log. A handler that
 * reads more (another projection, another module's tables) asks for it in ReadSideOptions.
 */

type DomainEvent = { type: string; data: unknown };
/** An event as a spec writes it; its metadata (when, by whom) is made up when left out. */
export type GivenEvent = DomainEvent & { metadata?: Partial<EventMetadata> };
export type GivenStream = [streamName: string, events: GivenEvent[]];

/** A stream's events, each as it happened at its instant (ISO): the views count days, months and delays from them. */
export const timeline = (streamName: string, ...events: [occurredAt: string, event: DomainEvent][]): GivenStream => [
  streamName,
  events.map(([occurredAt, event]) => ({ ...event, metadata: { occurredAt } })),
];

/** Her personal fields as a partner would see them once opened, one entry per consent category. */
export const HER = {
  identity: { givenName: 'Awa', familyName: 'Diallo' },
  contact: { phone: '+33600000000' },
  health: { pregnant: true },
};

export const SETTINGS = { readYourWritesTimeoutMs: 2_000 } as RuntimeSettings;

/** One projection, or several run as one group, and the read model they write, migrated on the test database. */
export interface ReadModelUnderTest {
  projection: Projection | readonly Projection[];
  entities: Parameters<typeof openReadModelFixture>[1];
  migrations: readonly MigrationSet[];
}

export interface ProjectionSide {
  fx: ReadModelFixture;
  /** A pool on the same database, for the stores kept beside the read model (keyring, access log, linkage keys). */
  pool: Pool;
  /** Appends each stream's events, then waits until the projections have applied them all. */
  given(...streams: GivenStream[]): Promise<bigint>;
  close(): Promise<void>;
}

export interface ReadSideOptions {
  /** Run with the inbox's, in the same group: `given` waits for them all. */
  projections?: readonly Projection[];
  /** Their tables, and those of the stores the handler reads beside the read model. */
  migrations?: readonly MigrationSet[];
}

export interface ReadSide extends ProjectionSide {
  keyring: Keyring;
  accessLog: AccessLogStore;
  access: PersonAccessService;
  inbox: InboxQuery;
  /** Her identification, with her fields sealed under the case's key as IdentifyPerson would. */
  identifiedWithSealedFields(event: PersonIdentified): Promise<PersonIdentified>;
}

export async function openProjectionSide(
  prefix: string,
  { projection, entities, migrations }: ReadModelUnderTest,
): Promise<ProjectionSide> {
  const fx = await openReadModelFixture(prefix, entities, migrations);
  const pool = new Pool({ connectionString: fx.db.url, max: 4 });
  // The runner retries a failed batch; its last error is kept for the message of a spec that times out.
  let lastError = '';
  const logger = { log: () => undefined, error: (message: string) => void (lastError = message) };
  const runner = new ProjectionRunner({ projection, store: fx.store, dataSource: fx.dataSource, logger });
  const names = [projection]
    .flat()
    .map((p) => p.name)
    .join(', ');
  await runner.start();
  return {
    fx,
    pool,
    async given(...streams) {
      for (const [streamName, events] of streams) {
        const newEvents = events.map(({ type, data, metadata }) => ({ eventId: randomUUID(), type, data, metadata: aMetadata(metadata) }));
        await fx.store.appendToStream(streamName, newEvents, { expectedRevision: 'any' });
      }
      const head = await fx.store.headPosition();
      if (!(await runner.waitForPosition(head, 30_000))) {
        throw new Error(`${names} did not reach the head${lastError ? ` (last error: ${lastError})` : ''}`);
      }
      return head;
    },
    async close() {
      await runner.stop();
      await endPool(pool);
      await fx.store.close();
      // As endPool: the read model's sockets must be closed before the database is dropped WITH (FORCE).
      const readModelPool = (fx.dataSource.driver as unknown as { master: Pool }).master;
      const closed = socketsClosed(readModelPool);
      await fx.dataSource.destroy();
      await closed;
      await fx.db.drop();
    },
  };
}

export async function openReadSide(prefix: string, options: ReadSideOptions = {}): Promise<ReadSide> {
  const side = await openProjectionSide(prefix, {
    projection: [inboxProjection, ...(options.projections ?? [])],
    entities: INBOX_ENTITIES,
    migrations: [INBOX_MIGRATIONS, PRIVACY_MIGRATIONS, ...(options.migrations ?? [])],
  });
  const keyring = new Keyring(side.pool, generateMasterKey());
  const accessLog = new AccessLogStore(side.pool);
  return {
    ...side,
    keyring,
    accessLog,
    access: new PersonAccessService(keyring, accessLog),
    inbox: new InboxQuery(side.fx.dataSource),
    async identifiedWithSealedFields(event) {
      const personal = await keyring.sealPersonal(event.data.caseId, HER);
      return { ...event, data: { ...event.data, personal } };
    },
  };
}

function socketsClosed(pool: Pool): Promise<void> {
  let open = pool.totalCount;
  return new Promise((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open === 0) resolve();
    });
  });
}
