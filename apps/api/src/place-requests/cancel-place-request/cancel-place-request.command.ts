import type { CommandContext } from '@passerelle/command-handling';

export class CancelPlaceRequestCommand {
  constructor(
    readonly data: { placeRequestId: string },
    readonly context: CommandContext,
  ) {}
}
