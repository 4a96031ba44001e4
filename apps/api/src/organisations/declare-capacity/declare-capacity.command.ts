import type { CommandContext } from '@passerelle/command-handling';
import type { Service } from '@passerelle/domain';

export interface DeclareCapacityData {
  organisationId: string;
  service: Service;
  total: number;
  available: number;
}

export class DeclareCapacityCommand {
  constructor(
    readonly data: DeclareCapacityData,
    readonly context: CommandContext,
  ) {}
}
