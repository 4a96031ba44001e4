import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorRef, notFound } from '@passerelle/domain';
import { DeliveryLog, WEBHOOK_SETTINGS, WebhookEndpointStore, type WebhookSettings } from '@passerelle/webhooks';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

/**
 * A new secret, shown once. Until `previousSecretValidUntil` every delivery carries a signature
 * with each valid secret, so the receiver can switch without rejecting anything.
 */
@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    private readonly log: DeliveryLog,
  ) {}

  async execute({ actor, webhookId, overlapSeconds }: RotateWebhookSecretCommand) {
    const overlapMs = overlapSeconds !== undefined ? overlapSeconds * 1000 : this.settings.rotationOverlapMs;
    const rotated = await this.endpoints.rotateSecret(actor.organisationId, webhookId, overlapMs);
    if (!rotated) throw notFound('WEBHOOK.NOT_FOUND', 'No such webhook endpoint.');
    await this.log.recordAction(webhookId, actor.organisationId, 'secret_rotated', actorRef(actor));
    return { id: webhookId, secret: rotated.secret, previousSecretValidUntil: rotated.previousValidUntil };
  }
}
