import type { Service } from '@passerelle/domain';
import type { CommandContext } from '../../shared/command-context';

export class DeclareCapacityCommand {
  constructor(
    readonly organisationId: string,
    readonly capacity: { service: Service; total: number; available: number },
    readonly context: CommandContext,
  ) {}
}
