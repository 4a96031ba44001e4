import type { Actor } from '@passerelle/domain';

export class GetWebhookQuery {
  constructor(
    readonly actor: Actor,
    readonly webhookId: string,
  ) {}
}
