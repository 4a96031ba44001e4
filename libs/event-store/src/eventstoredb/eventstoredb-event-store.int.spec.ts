import { randomBytes } from 'node:crypto';
import { binaryEvent } from '@eventstore/db-client';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { connect } from './connection-string';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

/*
 * The same conformance suite as the PostgreSQL adapter, against a real EventStoreDB / KurrentDB:
 *   docker run -d -p 2113:2113 docker.kurrent.io/kurrent-latest/kurrentdb:25.1 --insecure
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest eventstoredb-event-store
 * Each factory call gets its own namespace, so the suite sees an empty store on a shared server.
 * The suite's streams use these prefixes; the adapter refuses (loudly) a stream outside them.
 * No fault injection: EventStoreDB's log has no "slow commit" to hold open from the client.
 */
const CONTRACT_PREFIXES = ['contract-', 'race-', 'rolled-back-', 'trap-'];
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

if (connectionString) {
  describeEventStoreContract(
    'eventstoredb',
    async () => {
      const namespace = `contract${randomBytes(6).toString('hex')}.`;
      const open = () =>
        createEventStoreDbEventStore({
          connectionString,
          namespace,
          streamPrefixes: CONTRACT_PREFIXES,
          resubscribe: { initialMs: 50, maxMs: 500 },
        });
      // The peer is a second client, with its own gRPC channel, as another process would have.
      const [store, peer] = [open(), open()];
      // Another application on the same server, writing under our prefixes what Passerelle never would.
      const other = connect(connectionString);
      return {
        store,
        peer: { store: peer },
        atomicConditions: false,
        writeForeignEvent: async (streamName) => {
          await other.appendToStream(`${namespace}${streamName}`, [binaryEvent({ type: 'OrderPlaced', data: new Uint8Array([1, 2, 3]) })], {
            expectedRevision: 'any',
          });
        },
        teardown: async () => {
          await Promise.all([store.close(), peer.close(), other.close()]);
        },
      };
    },
    { writesRowsAlongside: false },
  );
} else {
  const reason = 'skipped: set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run the contract against EventStoreDB';
  console.log(`[eventstoredb contract] ${reason}`);
  describe('eventstoredb event store contract', () => {
    it.skip(reason, () => undefined);
  });
}
