import type { CommandContext } from '@passerelle/command-handling';

export class RevokeApiKeyCommand {
  constructor(
    readonly data: { organisationId: string; keyId: string },
    readonly context: CommandContext,
  ) {}
}
