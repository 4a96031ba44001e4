import type { Actor } from '@passerelle/domain';

export class DeleteWebhookCommand {
  constructor(
    readonly actor: Actor,
    readonly webhookId: string,
  ) {}
}
