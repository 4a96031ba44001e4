import type { CliCommand } from '../cli-command';
import { keysRotateMaster } from './keys-rotate-master.command';
import { projectionsRebuild } from './projections-rebuild.command';

/** Every CLI command; add new ones here. */
export const COMMANDS: CliCommand[] = [keysRotateMaster, projectionsRebuild];
