import { setTimeout as sleep } from 'node:timers/promises';
import { type FaultControls, InjectedFaultError } from '../testing/fault-controls';
import type { PostgresEventStoreFaults } from './postgres-event-store.options';

/**
 * TEST-ONLY: contract-suite {@link FaultControls} implemented through the store's `beforeCommit`
 * hook. Pass `faults` to createPostgresEventStore and give `controls` to the tests.
 *
 * A fault applies to a whole group-commit batch: appends of other streams that share the batch
 * are held or rolled back with it, exactly as a real slow or failed transaction would do to them.
 */
export function createPostgresFaultInjector(): { faults: PostgresEventStoreFaults; controls: FaultControls } {
  const holds = new Map<string, number>();
  const rollbacks = new Set<string>();
  const faults: PostgresEventStoreFaults = {
    armedFor: (streams) => streams.some((stream) => holds.has(stream) || rollbacks.has(stream)),
    async beforeCommit({ streams }) {
      for (const stream of streams) {
        const ms = holds.get(stream);
        if (ms === undefined) continue;
        holds.delete(stream);
        await sleep(ms);
      }
      const doomed = streams.find((stream) => rollbacks.has(stream));
      if (doomed !== undefined) {
        rollbacks.delete(doomed);
        throw new InjectedFaultError(doomed);
      }
    },
  };
  const controls: FaultControls = {
    holdNextCommit: (streamName, ms) => void holds.set(streamName, ms),
    rollBackNextCommit: (streamName) => void rollbacks.add(streamName),
  };
  return { faults, controls };
}
