import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread only: on Linux a
 * thread is a task with its own id, which `setpriority` accepts in place of a process id. Returns
 * false where the thread's id cannot be known (no /proc/thread-self) or the call is refused;
 * the thread then runs at its process's priority, as before.
 */
export function lowerThisThreadsPriority(nice: number): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId)) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
