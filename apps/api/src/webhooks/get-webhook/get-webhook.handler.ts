import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookEndpointStore } from '@passerelle/webhooks';
import { ownEndpoint, webhookView } from '../webhook.view';
import { GetWebhookQuery } from './get-webhook.query';

@QueryHandler(GetWebhookQuery)
export class GetWebhookHandler implements IQueryHandler<GetWebhookQuery> {
  constructor(private readonly endpoints: WebhookEndpointStore) {}

  async execute({ actor, webhookId }: GetWebhookQuery) {
    return webhookView(await ownEndpoint(this.endpoints, actor.organisationId, webhookId));
  }
}
