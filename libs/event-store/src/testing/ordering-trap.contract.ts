import type { EventStore } from '../event-store.port';
import { type ContractContext, aStreamName, anEvent, idsOf, recordAll } from './contract-fixtures';
import { type FaultControls, InjectedFaultError } from './fault-controls';

export interface AppenderPlan {
  writers: number;
  appendsPerWriter: number;
  /** Writer 0's batch at this append keeps its transaction open for holdMs; writer 1's rolls back. */
  faultAtAppend: number;
  holdMs: number;
}

export const ORDERING_TRAP_PLAN: AppenderPlan = { writers: 32, appendsPerWriter: 30, faultAtAppend: 10, holdMs: 2_000 };

export interface AppendersOutcome {
  committed: Set<string>;
  rolledBack: Set<string>;
  appendsPerSecond: number;
}

/**
 * Many writers on their own streams, each appending 1–3 events at a time with exact expected
 * revisions. `storeFor(writer)` lets a caller spread writers over several store instances. An
 * append that fails with the injected fault is counted as rolled back (a rolled-back batch also
 * takes down the other appends that shared it); any other failure fails the test.
 */
export async function runConcurrentAppenders(
  storeFor: (writer: number) => EventStore,
  faultsFor: (writer: number) => FaultControls | undefined,
  plan: AppenderPlan,
): Promise<AppendersOutcome> {
  const committed = new Set<string>();
  const rolledBack = new Set<string>();
  const startedAt = performance.now();
  const writer = async (index: number): Promise<void> => {
    const store = storeFor(index);
    const stream = aStreamName(`trap-${index}`);
    let revision: bigint | 'no_stream' = 'no_stream';
    for (let round = 0; round < plan.appendsPerWriter; round += 1) {
      const events = Array.from({ length: ((index + round) % 3) + 1 }, () => anEvent('Trapped', { index, round }));
      if (round === plan.faultAtAppend && index === 0) faultsFor(index)?.holdNextCommit(stream, plan.holdMs);
      if (round === plan.faultAtAppend && index === 1) faultsFor(index)?.rollBackNextCommit(stream);
      try {
        revision = (await store.appendToStream(stream, events, { expectedRevision: revision })).nextExpectedRevision;
        idsOf(events).forEach((id) => committed.add(id));
      } catch (error) {
        if (!(error instanceof InjectedFaultError)) throw error;
        idsOf(events).forEach((id) => rolledBack.add(id));
      }
    }
  };
  await Promise.all(Array.from({ length: plan.writers }, (_, index) => writer(index)));
  const seconds = (performance.now() - startedAt) / 1000;
  return { committed, rolledBack, appendsPerSecond: (plan.writers * plan.appendsPerWriter) / seconds };
}

/**
 * docs/adr/0001-event-store-ordering.md: every committed event seen exactly once, in global order, by a subscriber that
 * started first, while one writer's transaction stays open for seconds (later writers could
 * commit higher positions meanwhile) and another's rolls back (its positions never commit).
 */
export function describeOrderingTrap(context: ContractContext): void {
  describe('when many writers append while a subscriber catches up', () => {
    it('delivers every committed event exactly once in strictly increasing position, and no rolled-back one', async () => {
      const { store } = context;
      const instances = context.instances;
      const instance = (writer: number) => instances[writer % instances.length] ?? { store };
      const canInjectFaults = instances.every((candidate) => candidate.faults !== undefined);
      if (!canInjectFaults) {
        console.info(`[${context.adapterName} contract] no fault injection: the ordering trap runs without a held and a rolled-back write`);
      }
      if (instances.length === 1) {
        console.info(`[${context.adapterName} contract] no peer instance: the ordering trap runs with writers in one process only`);
      }
      const start = await store.headPosition();
      const subscriber = recordAll(store, start);

      const outcome = await runConcurrentAppenders(
        (writer) => instance(writer).store,
        (writer) => instance(writer).faults,
        ORDERING_TRAP_PLAN,
      );
      await subscriber.reach(await store.headPosition());
      await subscriber.subscription.stop();

      expect(subscriber.errors).toEqual([]);
      const seen = idsOf(subscriber.seen);
      expect(new Set(seen).size).toBe(seen.length);
      subscriber.seen.forEach((event, index) => {
        const previous = subscriber.seen[index - 1];
        if (previous) expect(event.globalPosition).toBeGreaterThan(previous.globalPosition);
      });
      expect([...seen].sort()).toEqual([...outcome.committed].sort());
      expect(seen.filter((id) => outcome.rolledBack.has(id))).toEqual([]);
      expect(seen).toEqual(idsOf(await store.readAll({ after: start })));
      if (canInjectFaults) expect(outcome.rolledBack.size).toBeGreaterThan(0);
      console.info(
        `[${context.adapterName} contract] ordering trap: ${Math.round(outcome.appendsPerSecond)} appends/s with ${ORDERING_TRAP_PLAN.writers} writers on ${instances.length} instance(s)${canInjectFaults ? ` (includes the ${ORDERING_TRAP_PLAN.holdMs} ms hold)` : ''}`,
      );
    }, 120_000);
  });
}
