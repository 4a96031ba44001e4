import type { RuntimeSettings } from '@passerelle/config';
import { caseStream, referralStream, type PersonIdentified, type ReferralEvent } from '@passerelle/domain';
import type { EventMetadata } from '@passerelle/event-store';
import { aMetadata } from '@passerelle/event-store/testing';
import { generateMasterKey, Keyring, AccessLogStore, PRIVACY_MIGRATIONS } from '@passerelle/privacy';
import type { MigrationSet } from '@passerelle/migrations';
import {
  DIRECTORY_ENTITIES,
  DIRECTORY_MIGRATIONS,
  DirectoryQuery,
  directoryProjection,
  INBOX_ENTITIES,
  INBOX_MIGRATIONS,
  InboxQuery,
  inboxProjection,
  ProjectionRunner,
  type Projection,
} from '@passerelle/projections';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { openReadModelFixture, type ReadModelFixture } from '../../../../libs/projections/src/testing/read-model.fixture';
import { PersonAccessService } from '../shared/person-access';
import { CASE_ID, REFERRAL_ID, REFUGE, consentGranted, endPool, identified, referralMade } from './use-case.fixtures';

/**
 * The read side of the query specs (`get-*.handler.int.spec.ts`), after emmett's
 * samples/webApi/expressjs-with-postgresql getDetails: given events appended to a PostgreSQL event
 * store on a fresh test database, projections (the inbox and the directory, unless the spec names
 * others) run until their checkpoint reaches the head, then the query handler, built with `new`,
 * over the same database: the read models, and for the inbox a real keyring and the access log. A handler that
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
  health: { notes: 'Pregnant, due in March' },
};

export const SETTINGS = { readYourWritesTimeoutMs: 2_000 } as RuntimeSettings;

/** Her consent names the refuge for her identity only, though the referral shares her contact too. */
export const IDENTITY_TO_REFUGE = consentGranted({ recipients: [REFUGE], categories: ['identity'], purposes: ['referral'] });
/** The referral's message and the refuge's note, sealed under her key: free text that may speak of her. */
export const MESSAGE = 'She needs a safe place tonight';
export const NOTE = 'We have a room from tonight';

/** A case event (the fixtures' are of CASE_ID) moved to another case, so that one database holds several of hers. */
export const ofCase = <E extends GivenEvent>(caseId: string, event: E): E => ({ ...event, data: { ...(event.data as object), caseId } });

export interface Referral {
  /** Her identification's fields, caseId among them (CASE_ID when left out). */
  person?: Partial<PersonIdentified['data']>;
  referralId?: string;
  /** Her case's events after her consent (consentWithdrawn(), personErased()…), moved to her case. */
  then?: GivenEvent[];
}

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
  directory: DirectoryQuery;
  /** Her identification, with her fields sealed under the case's key as IdentifyPerson would. */
  identifiedWithSealedFields(event: PersonIdentified): Promise<PersonIdentified>;
  /**
   * Her case, with IDENTITY_TO_REFUGE then `then`, and her referral to the refuge, accepted: its
   * MESSAGE and the refuge's NOTE sealed under her key.
   */
  referredWithText(referral?: Referral): Promise<[herCase: GivenStream, referral: GivenStream]>;
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
        throw new Error(`${runner.name} did not reach the head${lastError ? ` (last error: ${lastError})` : ''}`);
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
    projection: [inboxProjection, directoryProjection, ...(options.projections ?? [])],
    entities: [...INBOX_ENTITIES, ...DIRECTORY_ENTITIES],
    migrations: [INBOX_MIGRATIONS, DIRECTORY_MIGRATIONS, PRIVACY_MIGRATIONS, ...(options.migrations ?? [])],
  });
  const keyring = new Keyring(side.pool, generateMasterKey());
  const accessLog = new AccessLogStore(side.pool);
  const identifiedWithSealedFields = async (event: PersonIdentified): Promise<PersonIdentified> => {
    const personal = await keyring.sealPersonal(event.data.caseId, HER);
    return { ...event, data: { ...event.data, personal } };
  };
  return {
    ...side,
    keyring,
    accessLog,
    access: new PersonAccessService(keyring, accessLog),
    inbox: new InboxQuery(side.fx.dataSource),
    directory: new DirectoryQuery(side.fx.dataSource),
    identifiedWithSealedFields,
    async referredWithText({ person = {}, referralId = REFERRAL_ID, then = [] } = {}) {
      const caseId = person.caseId ?? CASE_ID;
      const made = referralMade({ referralId, caseId, message: await keyring.seal(caseId, MESSAGE) });
      const accepted: ReferralEvent = {
        type: 'ReferralAccepted',
        data: { referralId, by: REFUGE, note: await keyring.seal(caseId, NOTE) },
      };
      const herCase = [await identifiedWithSealedFields(identified(person)), IDENTITY_TO_REFUGE, ...then];
      return [
        [caseStream(caseId), herCase.map((event) => ofCase(caseId, event))],
        [referralStream(referralId), [made, accepted]],
      ];
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
