import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandId } from '@passerelle/command-handling';
import { actorRef, unprocessable } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { checkWebhookUrl, DeliveryLog, WEBHOOK_SETTINGS, WebhookEndpointStore, type WebhookSettings } from '@passerelle/webhooks';
import { webhookView } from '../webhook.view';
import { RegisterWebhookCommand } from './register-webhook.command';

/**
 * Endpoints are configuration, not facts of the referral network: they live in their own table,
 * never in an event. Delivery starts at the head of the store, so a new endpoint is not flooded
 * with history (replay exists for that). The secret is returned here once.
 */
@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand> {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    private readonly log: DeliveryLog,
  ) {}

  async execute({ context, url, events }: RegisterWebhookCommand) {
    // The address is checked again at every delivery: DNS may point elsewhere later.
    const verdict = await checkWebhookUrl(url, { allowLoopback: this.settings.allowLoopback });
    if (!verdict.ok) throw unprocessable(verdict.code, verdict.reason, { field: 'url' });
    const { endpoint, secret } = await this.endpoints.register({
      id: commandId(context, 'webhook'),
      organisationId: context.actor.organisationId,
      url: verdict.url.toString(),
      events: events.includes('*') ? ['*'] : [...events],
      headPosition: await this.store.headPosition(),
    });
    await this.log.recordAction(endpoint.id, endpoint.organisationId, 'registered', actorRef(context.actor), { url: endpoint.url });
    return { ...webhookView(endpoint), secret };
  }
}
