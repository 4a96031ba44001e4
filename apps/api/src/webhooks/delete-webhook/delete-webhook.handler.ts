import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorRef, notFound } from '@passerelle/domain';
import { DeliveryLog, WebhookEndpointStore } from '@passerelle/webhooks';
import { DeleteWebhookCommand } from './delete-webhook.command';

/** Nothing more is sent; deliveries still waiting are cancelled and stay visible in the log. */
@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand> {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    private readonly log: DeliveryLog,
  ) {}

  async execute({ actor, webhookId }: DeleteWebhookCommand): Promise<void> {
    // Another partner's endpoint answers exactly like one that does not exist.
    if (!(await this.endpoints.remove(actor.organisationId, webhookId))) {
      throw notFound('WEBHOOK.NOT_FOUND', 'No such webhook endpoint.');
    }
    await this.log.recordAction(webhookId, actor.organisationId, 'deleted', actorRef(actor));
  }
}
