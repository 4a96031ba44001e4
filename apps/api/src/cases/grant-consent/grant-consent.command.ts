import type { CommandContext } from '../../shared/command-context';
import type { ConsentRequest } from '../consent.request.dto';

export class GrantConsentCommand {
  constructor(readonly caseId: string, readonly request: ConsentRequest, readonly context: CommandContext) {}
}
