import type { CommandContext } from '@passerelle/command-handling';
import type { TaskChange } from './task-change';

/** A PUT of a referral's Task: the change it asks, and the version the client saw (If-Match), if it said. */
export class UpdateFhirTaskCommand {
  constructor(
    readonly referralId: string,
    readonly change: TaskChange,
    readonly ifMatch: bigint | undefined,
    readonly context: CommandContext,
  ) {}
}
