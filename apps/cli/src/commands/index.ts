import type { CliCommand } from '../cli-command';
import { adminCreate } from './admin-create.command';
import { adminRotateBootstrapKey } from './admin-rotate-bootstrap-key.command';
import { keysRotateMaster } from './keys-rotate-master.command';
import { projectionsRebuild } from './projections-rebuild.command';

/** Every CLI command; add new ones here. */
export const COMMANDS: CliCommand[] = [adminCreate, adminRotateBootstrapKey, keysRotateMaster, projectionsRebuild];
