import type { ExpectedRevision } from '../event-store.port';
import { type BatchPlan, type PlannedAppend, planBatch } from './batch-plan';

/**
 * The plan of a batch made without reading: the head this process last committed, and each
 * stream at the revision its first append (or read condition) expects. Null when that guess cannot
 * be made (no head known yet, an append expecting `any` or `stream_exists`) or when the guess
 * itself refuses an append: such a batch takes the reading path, which decides it for certain.
 */
export function optimisticPlan(
  batch: readonly PlannedAppend[],
  knownHead: bigint | null,
): { plan: BatchPlan; assumed: Map<string, bigint> } | null {
  if (knownHead === null) return null;
  const assumed = new Map<string, bigint>();
  for (const append of batch) {
    for (const { streamName, expectedRevision } of [append, ...(append.alsoExpect ?? [])]) {
      const revision = exactRevision(expectedRevision);
      if (revision === null) return null;
      if (!assumed.has(streamName)) assumed.set(streamName, revision);
    }
  }
  const plan = planBatch(batch, {
    head: knownHead,
    streamRevisions: new Map([...assumed].filter(([, revision]) => revision >= 0n)),
    storedEvents: new Map(),
    // Assumed absent, as the events' ids are: the guard checks it (batch-sql.ts#guessHolds).
    existingRows: new Set(),
  });
  return plan.outcomes.every((outcome) => outcome.ok) && plan.rows.length > 0 ? { plan, assumed } : null;
}

/** -1n stands for "no stream"; null for an expectation that names no revision. */
function exactRevision(expected: ExpectedRevision): bigint | null {
  if (expected === 'no_stream') return -1n;
  return typeof expected === 'bigint' ? expected : null;
}

/**
 * After a guess proved wrong (another process appended), the next batches read first: a writer
 * that is not alone would otherwise pay an extra round trip on every batch.
 */
export class GuessBudget {
  private skip = 0;

  constructor(private readonly afterMiss = 50) {}

  mayGuess(): boolean {
    if (this.skip === 0) return true;
    this.skip -= 1;
    return false;
  }

  missed(): void {
    this.skip = this.afterMiss;
  }
}
