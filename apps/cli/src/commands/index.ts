import type { CliCommand } from '../cli-command';

/** Every CLI command; add new ones here. */
export const COMMANDS: CliCommand[] = [];
