import { type EventStoreDBClient, NO_STREAM, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import type { Claim } from './retry-decision';
import type { StreamNames } from './stream-names';

/**
 * EventStoreDB deduplicates a retried append inside one stream, but lets the same event id be
 * written to two streams. The port promises more (DuplicateEventIdError), so each event id is
 * claimed first in a one-event stream `eventid-<id>` written with expected revision `no_stream`:
 * the server's own concurrency check makes the first claimant the owner, in every process.
 *
 * Cost: one small extra append per event, made in parallel before the real append. A claim whose
 * append then fails stays, tying the id to that stream: retrying the id there works, reusing it
 * elsewhere is refused, as it should be.
 */
export class EventIdClaims {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
  ) {}

  claimAll(eventIds: readonly string[], streamName: string): Promise<Claim[]> {
    return Promise.all(eventIds.map((eventId) => this.claim(eventId, streamName)));
  }

  private async claim(eventId: string, streamName: string): Promise<Claim> {
    const stream = this.names.claimStream(eventId);
    try {
      // The claim names a stream (ids only), never anything about a person.
      await this.client.appendToStream(stream, jsonEvent({ type: 'EventIdClaimed', data: { stream: streamName } }), {
        expectedRevision: NO_STREAM,
      });
      return { eventId, owner: streamName, fresh: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return { eventId, owner: await this.ownerOf(stream), fresh: false };
    }
  }

  private async ownerOf(stream: string): Promise<string> {
    for await (const resolved of this.client.readStream(stream, { maxCount: 1 })) {
      const owner = (resolved.event?.data as { stream?: unknown } | undefined)?.stream;
      if (typeof owner === 'string') return owner;
    }
    throw new Error(`The event id claim ${stream} names no stream`);
  }
}
