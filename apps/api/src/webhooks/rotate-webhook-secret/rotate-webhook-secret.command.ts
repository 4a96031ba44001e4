import type { Actor } from '@passerelle/domain';

export class RotateWebhookSecretCommand {
  /** `overlapSeconds` undefined: the configured default (libs/webhooks/src/webhook-settings.ts, 24 h). */
  constructor(
    readonly actor: Actor,
    readonly webhookId: string,
    readonly overlapSeconds: number | undefined,
  ) {}
}
