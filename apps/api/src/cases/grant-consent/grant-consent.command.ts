import type { CommandContext } from '@passerelle/command-handling';
import type { ConsentInput } from '../person';

export class GrantConsentCommand {
  constructor(
    readonly data: { caseId: string; consent: ConsentInput },
    readonly context: CommandContext,
  ) {}
}
