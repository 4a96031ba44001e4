import {
  BACKWARDS,
  END,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import type { EsdbClient } from './esdb-client';
import type { StreamNames } from './stream-names';

const CLAIMED = 'EventIdClaimed';
const RELEASED = 'EventIdReleased';
/** Rounds of a claim against concurrent appends of the same id; each round is lost only to another one's progress. */
const MAX_ROUNDS = 10;

/** Which stream an event id belongs to, and what this append holds of it. */
export interface Claim {
  eventId: string;
  owner: string;
  /** Revision of the claim stream this append wrote, or null when the id belongs to another stream. */
  held: bigint | null;
  /** True when no earlier attempt claimed the id for this stream, so none of them can have stored it. */
  fresh: boolean;
}

/**
 * EventStoreDB deduplicates a retried append inside one stream, but lets the same event id be
 * written to two streams. The port promises more (DuplicateEventIdError), so each event id is
 * claimed first in a stream `eventid-<id>`: a register whose last event says who holds the id,
 * moved with the server's expected-revision check, so every process agrees on its owner.
 *
 * - `EventIdClaimed {stream}`: the id belongs to that stream. Claiming an id already claimed for
 *   the same stream writes the claim again: an attempt always holds the latest revision, so a
 *   concurrent attempt of the same append can never release what this one relies on.
 * - `EventIdReleased`: an append failed for certain (wrong revision, a stream it was decided on
 *   moved, a duplicate) with the id stored nowhere, so the id is free again, as on PostgreSQL. A
 *   release names the revision it held and is dropped if the claim moved since.
 *
 * An append whose outcome is unknown (the connection dropped) keeps its claims: the id stays
 * bound to that stream, where a retry settles it. Claims name streams (ids only), never a person.
 */
export class EventIdClaims {
  constructor(
    private readonly client: EsdbClient,
    private readonly names: StreamNames,
  ) {}

  claimAll(eventIds: readonly string[], streamName: string): Promise<Claim[]> {
    return Promise.all(eventIds.map((eventId) => this.claim(eventId, streamName)));
  }

  /** Frees the claims this append holds for ids it did not store; never throws (a claim left behind only binds the id to its stream). */
  async releaseAll(claims: readonly Claim[], stored: ReadonlySet<string>): Promise<void> {
    await Promise.all(
      claims.map(async ({ eventId, owner, held }) => {
        if (held === null || stored.has(eventId)) return;
        await this.client
          .appendToStream(this.names.claimStream(eventId), [jsonEvent({ type: RELEASED, data: { stream: owner } })], {
            expectedRevision: held,
          })
          .catch(() => undefined);
      }),
    );
  }

  private async claim(eventId: string, streamName: string): Promise<Claim> {
    const stream = this.names.claimStream(eventId);
    let expected: AppendExpectedRevision = NO_STREAM;
    let fresh = true;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      try {
        const { nextExpectedRevision } = await this.client.appendToStream(
          stream,
          [jsonEvent({ type: CLAIMED, data: { stream: streamName } })],
          {
            expectedRevision: expected,
          },
        );
        return { eventId, owner: streamName, held: nextExpectedRevision, fresh };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
      const last = await this.last(stream);
      if (last && last.type !== RELEASED && last.owner !== streamName) return { eventId, owner: last.owner, held: null, fresh: false };
      expected = last?.revision ?? NO_STREAM;
      fresh = !last || last.type === RELEASED;
    }
    throw new Error(`The claim of event id ${eventId} kept moving under ${MAX_ROUNDS} concurrent attempts`);
  }

  private async last(stream: string): Promise<{ type: string; owner: string; revision: bigint } | null> {
    try {
      for await (const { event } of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const owner = (event?.data as { stream?: unknown } | undefined)?.stream;
        if (!event || typeof owner !== 'string') throw new Error(`The event id claim ${stream} names no stream`);
        return { type: event.type, owner, revision: event.revision };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return null;
  }
}
