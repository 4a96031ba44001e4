import type { Actor } from '@passerelle/domain';
import type { ReplayStart } from '@passerelle/webhooks';

export class ReplayWebhookCommand {
  constructor(
    readonly actor: Actor,
    readonly webhookId: string,
    readonly start: ReplayStart,
  ) {}
}
