import type { CliCommand } from '../cli-command';
import { keysRotateMaster } from './keys-rotate-master.command';

/** Every CLI command; add new ones here. */
export const COMMANDS: CliCommand[] = [keysRotateMaster];
