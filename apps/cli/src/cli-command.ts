import type { PasserelleConfig } from '@passerelle/config';

/** What every CLI command receives: validated configuration and a database URL that answers. */
export interface CliContext {
  config: PasserelleConfig;
  databaseUrl: string;
  masterKey: string;
  linkageKey: string;
  out: (line: string) => void;
}

/** One `npm run cli -- <words…> [args]` command, e.g. `keys rotate-master`. */
export interface CliCommand {
  /** The words that select it, e.g. ['projections', 'rebuild']. */
  words: string[];
  usage: string;
  summary: string;
  run(args: string[], context: CliContext): Promise<void>;
}
