import { readCheckpoint, type Queryable } from './checkpoint-store';

export const CHECKPOINT_POLL_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Read-your-writes across processes: resolves true once the committed checkpoint of `name` is at
 * or past `position`, false when `timeoutMs` runs out first. Polls the database, so it works from
 * an API process that does not run the projection itself.
 */
export async function waitForCheckpoint(
  db: Queryable,
  name: string,
  position: bigint,
  timeoutMs: number,
  pollMs = CHECKPOINT_POLL_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await readCheckpoint(db, name)) >= position) return true;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    await sleep(Math.min(pollMs, remaining));
  }
}
