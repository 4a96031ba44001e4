import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookEndpointStore } from '@passerelle/webhooks';
import { webhookView } from '../webhook.view';
import { ListWebhooksQuery } from './list-webhooks.query';

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery> {
  constructor(private readonly endpoints: WebhookEndpointStore) {}

  async execute({ actor }: ListWebhooksQuery) {
    return { items: (await this.endpoints.list(actor.organisationId)).map(webhookView) };
  }
}
