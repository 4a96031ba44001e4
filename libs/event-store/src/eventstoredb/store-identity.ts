import { randomUUID } from 'node:crypto';
import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import type { EsdbClient } from './esdb-client';

const IDENTIFIED = 'StoreIdentified';

/**
 * The store's identity (EventStore.identity): the first event of its identity stream, written by
 * the first instance that asks, with expected revision `no_stream` so that every instance of a
 * cluster ends with the same one. A restore of the cluster keeps it; a new cluster gets its own.
 */
export async function readOrCreateIdentity(client: EsdbClient, stream: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const found = await readIdentity(client, stream);
    if (found !== null) return found;
    try {
      await client.appendToStream(stream, [jsonEvent({ type: IDENTIFIED, data: { storeId: randomUUID() } })], {
        expectedRevision: NO_STREAM,
      });
    } catch (error) {
      // Another instance wrote it first: read that one.
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
  throw new Error(`The store identity stream ${stream} holds no identity`);
}

async function readIdentity(client: EsdbClient, stream: string): Promise<string | null> {
  try {
    for await (const { event } of client.readStream(stream, { maxCount: 1 })) {
      const storeId = (event?.data as { storeId?: unknown } | undefined)?.storeId;
      if (typeof storeId === 'string') return storeId;
      throw new Error(`The store identity stream ${stream} starts with something else than an identity`);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return null;
}
