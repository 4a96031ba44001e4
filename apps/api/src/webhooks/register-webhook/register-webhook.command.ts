import type { CommandContext } from '@passerelle/command-handling';

/** A partner registers an endpoint; its id derives from the context's seed, so a retried request makes the same one. */
export class RegisterWebhookCommand {
  constructor(
    readonly context: CommandContext,
    readonly url: string,
    readonly events: readonly string[],
  ) {}
}
