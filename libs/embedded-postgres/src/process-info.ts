import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface ProcessInfo {
  ppid: number;
  /** The command line, arguments joined by spaces. */
  command: string;
  /** Executable name (`comm`), e.g. `node` or `postgres`. */
  name: string;
}

/**
 * What a PID is now: after a crash the PID in a lock file may belong to an unrelated program.
 * Reads /proc on Linux and asks `ps` elsewhere (macOS). Undefined when no such live process.
 */
export function processInfo(pid: number): ProcessInfo | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return existsSync('/proc/self/stat') ? fromProc(pid) : fromPs(pid);
}

function fromProc(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so cut at the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') return undefined; // exited, waiting to be reaped
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { ppid: Number(ppid), command, name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) };
  } catch {
    return undefined;
  }
}

function fromPs(pid: number): ProcessInfo | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'ppid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const match = /^(\d+)\s+(\S+)\s+(.*)$/.exec(out);
    if (!match || match[2]?.startsWith('Z')) return undefined;
    const command = match[3] ?? '';
    return { ppid: Number(match[1]), command, name: basename(command.split(' ')[0] ?? '') };
  } catch {
    return undefined;
  }
}

export const isAlive = (pid: number): boolean => processInfo(pid) !== undefined;
