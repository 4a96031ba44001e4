import { ConfigError } from '@passerelle/config';

/**
 * What to print when a service cannot start: each configuration problem on its own line, or the
 * error's first line. Never a stack: start-up errors (a wrong variable, an unreachable database)
 * are the operator's to fix, and a stack trace hides the one line that says how.
 */
export function startFailureLines(error: unknown): string[] {
  if (error instanceof ConfigError) return [...error.problems];
  const message = error instanceof Error ? error.message : String(error);
  return [message.split('\n')[0] || 'unknown error'];
}

/** For `main.ts`: `runService(…).catch(exitOnStartFailure('api'))`. Prints to stderr and exits with 1. */
export function exitOnStartFailure(service: string): (error: unknown) => never {
  return (error) => {
    for (const line of startFailureLines(error)) process.stderr.write(`passerelle ${service}: ${line}\n`);
    process.exit(1);
  };
}
