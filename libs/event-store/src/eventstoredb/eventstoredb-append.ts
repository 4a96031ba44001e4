import { BACKWARDS, END, NO_STREAM, START, StreamNotFoundError, WrongExpectedVersionError, type EventData } from '@eventstore/db-client';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type ReadCondition,
  type RecordedEvent,
} from '../event-store.port';
import { toEventData, toRecordedEvent } from './event-data.mapping';
import type { EsdbClient } from './esdb-client';
import type { Claim, EventIdClaims } from './event-id-claims';
import { toPortPosition } from './position.mapping';
import { decideFromStream, type StoredRef } from './retry-decision';
import { toEsdbExpectedRevision, toWrongExpectedRevision } from './revision.mapping';
import type { StreamNames } from './stream-names';

/** Rounds of an append expecting `any` or `stream_exists` while other writers keep moving the stream. */
const MAX_LOOSE_ROUNDS = 10;

/** The stream as one read saw it: its last revision, and where each of the append's ids is stored. */
interface StreamState {
  revision: bigint | 'no_stream';
  stored: Map<string, StoredRef>;
}

/**
 * One append on EventStoreDB with the PostgreSQL adapter's outcome in every case the port names
 * (docs/architecture.md#ports-and-adapters):
 *
 * - The events go to the server with an exact expected revision, never `any`: the server then
 *   recognises a second identical append by reading its log at those revisions, while with `any`
 *   it only looks in a cache of recent ids, bounded in memory and lost on a leader change (see
 *   KurrentDB's IndexWriter.CheckCommit). `any` and `stream_exists` are resolved to the revision
 *   the stream is at, and tried again at the new one if another writer moved it meanwhile.
 * - A refusal of the server is settled by reading the stream: all the ids stored in order is an
 *   identical append that won the race, and gets its result (never a 409); some of them is a
 *   duplicate; none of them is a real conflict. The server answers an overlap as a wrong expected
 *   version too, which must not reach the caller as one.
 * - Ids are claimed first (event-id-claims.ts) so that one id lives in one stream only; an append
 *   that fails for certain gives back the claims of the ids it did not store.
 */
export class EventStoreDbAppend {
  constructor(
    private readonly client: EsdbClient,
    private readonly names: StreamNames,
    private readonly claims: EventIdClaims,
  ) {}

  async append(
    streamName: string,
    events: readonly NewEvent[],
    { expectedRevision, alsoExpect = [] }: AppendOptions,
  ): Promise<AppendResult> {
    const stream = this.names.toEsdb(streamName);
    toEsdbExpectedRevision(expectedRevision); // refuses a malformed revision before anything is written
    const data = events.map(toEventData);
    const ids = data.map((event) => event.id);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated !== undefined) throw new DuplicateEventIdError(repeated);

    const claims = await this.claims.claimAll(ids, streamName);
    const foreign = claims.find((claim) => claim.owner !== streamName);
    if (foreign) return this.fail(claims, new DuplicateEventIdError(foreign.eventId));
    // An id claimed for this stream before: an earlier or a concurrent attempt may have stored it.
    if (claims.some((claim) => !claim.fresh)) {
      const settled = await this.settle(streamName, ids, claims);
      if (settled) return settled;
    }
    // No multi-stream condition on the server: checked just before the append (see the port's WARNING).
    for (const condition of alsoExpect) {
      const moved = await this.moved(condition);
      if (moved) return this.fail(claims, moved);
    }
    return this.write(streamName, stream, data, expectedRevision, claims);
  }

  private async write(
    streamName: string,
    stream: string,
    data: EventData[],
    expectedRevision: ExpectedRevision,
    claims: readonly Claim[],
  ): Promise<AppendResult> {
    const ids = data.map((event) => event.id);
    const loose = expectedRevision === 'any' || expectedRevision === 'stream_exists';
    let expected = loose ? await this.lastRevision(stream) : expectedRevision;
    if (expectedRevision === 'stream_exists' && expected === 'no_stream') {
      return this.fail(claims, new WrongExpectedRevisionError(streamName, expectedRevision, 'no_stream'));
    }
    for (let round = 1; ; round += 1) {
      try {
        const result = await this.client.appendToStream(stream, data, {
          expectedRevision: expected === 'no_stream' ? NO_STREAM : expected,
        });
        // The server leaves the position out when it answers an identical append from its log.
        const position = result.position ? toPortPosition(result.position) : await this.positionOf(streamName, result.nextExpectedRevision);
        return { nextExpectedRevision: result.nextExpectedRevision, position };
      } catch (error) {
        // Any other failure leaves the outcome unknown (the claims stay; a retry settles it).
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const state = await this.read(streamName, ids);
        const settled = this.decide(ids, state, claims);
        if (settled) return settled;
        if (!loose || round >= MAX_LOOSE_ROUNDS) return this.fail(claims, toWrongExpectedRevision(error, streamName, expectedRevision));
        expected = state.revision;
      }
    }
  }

  /** The ids already stored in this stream decide alone, whatever revision was expected (as on PostgreSQL). */
  private async settle(streamName: string, ids: readonly string[], claims: readonly Claim[]): Promise<AppendResult | null> {
    return this.decide(ids, await this.read(streamName, ids), claims);
  }

  /** A result for a retry, a rejection for a mix, null when none of the ids is stored. */
  private decide(ids: readonly string[], state: StreamState, claims: readonly Claim[]): Promise<AppendResult> | null {
    const decision = decideFromStream(ids, state.stored);
    if (decision.kind === 'retried') return Promise.resolve(decision.result);
    if (decision.kind === 'duplicate') return this.fail(claims, new DuplicateEventIdError(decision.eventId), new Set(state.stored.keys()));
    return null;
  }

  /** Gives back the claims of the ids not stored, then rejects with `error`. */
  private async fail(claims: readonly Claim[], error: Error, stored: ReadonlySet<string> = new Set()): Promise<never> {
    await this.claims.releaseAll(claims, stored);
    throw error;
  }

  private async read(streamName: string, ids: readonly string[]): Promise<StreamState> {
    const wanted = new Set(ids);
    const events = await this.readStream(streamName);
    const stored = new Map<string, StoredRef>(events.filter((event) => wanted.has(event.eventId)).map((event) => [event.eventId, event]));
    return { revision: events.at(-1)?.streamRevision ?? 'no_stream', stored };
  }

  private async readStream(streamName: string, fromRevision?: bigint): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(this.names.toEsdb(streamName), { fromRevision: fromRevision ?? START })) {
        if (event) events.push(toRecordedEvent(event, streamName));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  private async lastRevision(stream: string): Promise<bigint | 'no_stream'> {
    try {
      for await (const { event } of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (event) return event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return 'no_stream';
  }

  /** The refusal to give when a stream an append was decided on is no longer at its revision; null while it is. */
  private async moved({ streamName, expectedRevision }: ReadCondition): Promise<WrongExpectedRevisionError | null> {
    const actual = await this.lastRevision(this.names.toEsdb(streamName));
    const holds =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream'
        ? actual === 'no_stream'
        : expectedRevision === 'stream_exists'
          ? actual !== 'no_stream'
          : actual === expectedRevision);
    return holds ? null : new WrongExpectedRevisionError(streamName, expectedRevision, actual);
  }

  private async positionOf(streamName: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readStream(streamName, revision);
    if (!event) throw new Error(`EventStoreDB acknowledged an append to ${streamName} whose last event it cannot read back`);
    return event.globalPosition;
  }
}
