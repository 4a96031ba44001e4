import type { CommandContext } from '@passerelle/command-handling';
import type { AgeBand, IdentificationLevel, Indicator, SafeChannel } from '@passerelle/domain';
import type { ConsentInput, PersonInput } from '../person';

export interface IdentifyPersonData {
  person: PersonInput;
  level: IdentificationLevel;
  indicators: Indicator[];
  department: string;
  ageBand: AgeBand;
  safety: { doNotContact: boolean; safeChannel: SafeChannel };
  consent: ConsentInput | null;
}

export class IdentifyPersonCommand {
  constructor(
    readonly data: IdentifyPersonData,
    readonly context: CommandContext,
  ) {}
}
