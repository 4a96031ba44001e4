import type { CommandContext } from '../../shared/command-context';
import type { IdentifyPersonRequest } from './identify-person.request.dto';

export class IdentifyPersonCommand {
  constructor(readonly request: IdentifyPersonRequest, readonly context: CommandContext) {}
}
