import { EventStoreDBClient } from '@eventstore/db-client';
import { type EsdbClient, wrapEsdbClient } from './esdb-client';

/**
 * KurrentDB renamed the scheme (`kurrentdb://`) but kept the grammar; client 6 only knows `esdb://`.
 * Both are accepted in EVENTSTORE_CONNECTION_STRING, so the new name is mapped to the old one.
 */
export function toClientConnectionString(connectionString: string): string {
  return connectionString.replace(/^kurrentdb(\+discover)?:\/\//, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

/**
 * The client for a connection string; nothing is sent before the first call. A string the client
 * cannot parse fails here, with the parser's "expected …" only: its full message quotes the
 * string, which may hold a password.
 */
export function connect(connectionString: string): EsdbClient {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(toClientConnectionString(connectionString));
  } catch (error) {
    const expected = /\bexpected .*$/.exec(error instanceof Error ? error.message : '')?.[0];
    throw new Error(
      `EVENTSTORE_CONNECTION_STRING cannot be parsed${expected ? `: ${expected}` : ''} (format: esdb://[user:password@]host:port[,host:port…][?tls=false&…])`,
    );
  }
  return wrapEsdbClient(client);
}
