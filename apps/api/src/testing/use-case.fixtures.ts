import { StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import { caseStream, referralStream, type Actor, type Decider, type ReferralEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { generateMasterKey, Keyring, type MasterKey } from '@passerelle/privacy';
import {
  CommandHandlerSpecification,
  createTestDatabase,
  existingStream,
  type GivenEvent,
  type StreamEvents,
  type TestDatabase,
} from '@passerelle/testing';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'pg';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFERRAL_ID,
  REFUGE,
  consentGranted,
  identified,
  person,
  referralMade,
} from '../../../../libs/domain/src/testing/domain.fixtures';

/**
 * Builders shared by the use-case specs (`*.handler.unit.spec.ts`, `*.handler.int.spec.ts`): each
 * runs one handler (a command's, or a query's through answerOf), built with `new`, against the
 * in-memory event store of CommandHandlerSpecification (libs/testing). The domain's own fixtures
 * (actors, events) are re-exported so that a spec imports one module.
 */
export * from '../../../../libs/domain/src/testing/domain.fixtures';

/**
 * Where the referral commands' specs start (accept, decline, withdraw, close, the FHIR Task's
 * update): her case with her consent naming the refuge for referral, and the referral to it, made,
 * then accepted without a note.
 */
export const REFERRAL_TO_REFUGE = {
  theReferral: referralStream(REFERRAL_ID),
  consented: existingStream(caseStream(CASE_ID), [identified(), consentGranted({ recipients: [REFUGE], purposes: ['referral'] })]),
  made: referralMade(),
  accepted: {
    type: 'ReferralAccepted',
    data: { referralId: REFERRAL_ID, by: REFUGE, note: null },
  } satisfies ReferralEvent as ReferralEvent,
};

/** Another organisation's org_admin, signed in: she manages her own people and keys, never the refuge's. */
export const assoAdmin = person(ASSO, 'ngo', 'org_admin', 'person-asso-admin');

/** The plain context a controller would build from the request: who, when, and the seed of every new id. */
export const contextOf = (actor: Actor, options: { idSeed?: string; now?: Date } = {}): CommandContext => ({
  actor,
  now: options.now ?? NOW,
  correlationId: 'correlation-1',
  idSeed: options.idSeed ?? randomUUID(),
});

/**
 * What a query handler answers over the given streams, in the in-memory store of
 * CommandHandlerSpecification; asking appends nothing. A refusal rejects with its problem.
 */
export async function answerOf<T>(given: StreamEvents<GivenEvent>[], ask: (store: EventStore) => Promise<T>): Promise<T> {
  let answer: T | undefined;
  await CommandHandlerSpecification.for()(...given)
    .when(async (store) => {
      answer = await ask(store);
    })
    .thenNothingHappened();
  return answer as T;
}

/** Every category of her data, as the holder of her open case sees them. */
export const ALL_CATEGORIES = ['identity', 'contact', 'health', 'legal', 'vulnerability', 'children'];

/**
 * An event's scope, matched exactly: expected events match like toMatchObject, which would let an
 * organisation that must not see the event slip into the scope unnoticed.
 */
export const exactScope = (scope: Record<string, string[]>): Record<string, string[]> =>
  ({
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (actual: unknown) => isDeepStrictEqual(actual, scope),
    toAsymmetricMatcher: () => `exactScope(${JSON.stringify(scope)})`,
  }) as unknown as Record<string, string[]>;

/**
 * The cache of a process that folded `events` of the stream and then saw nothing more: what it holds
 * after another process appended. The store then has more events than this cache knows about.
 */
export function cacheHolding<State, Event>(
  streamName: string,
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): StreamStateCache {
  const cache = new StreamStateCache();
  cache.set(streamName, { state: events.reduce(decider.evolve, decider.initialState()), revision: BigInt(events.length - 1) });
  return cache;
}

/**
 * A real keyring on a fresh test database (sealing needs PostgreSQL), with its master key (for a
 * keyring of "another process") and the database's url; `close` ends it and drops the database.
 */
export async function keyringOnTestDatabase(
  prefix: string,
): Promise<{ keyring: Keyring; master: MasterKey; pool: Pool; url: string; close: () => Promise<void> }> {
  const db: TestDatabase = await createTestDatabase(prefix);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const master = generateMasterKey();
  const keyring = new Keyring(pool, master);
  await keyring.migrate();
  return {
    keyring,
    master,
    pool,
    url: db.url,
    async close() {
      await endPool(pool);
      await db.drop();
    },
  };
}

/** pg's Pool.end() resolves before its sockets close; dropping the database WITH (FORCE) first would make them fail loudly. */
export async function endPool(pool: Pool): Promise<void> {
  const open = pool.totalCount;
  let removed = 0;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      removed += 1;
      if (removed === open) resolve();
    });
  });
  await pool.end();
  await closed;
}
