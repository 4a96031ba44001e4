import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DeliveryLog, WebhookEndpointStore } from '@passerelle/webhooks';
import { ownEndpoint } from '../webhook.view';
import { ListDeliveriesQuery } from './list-deliveries.query';

/** The delivery log, newest event first: status, attempts, last response code, next attempt, dead letters. */
@QueryHandler(ListDeliveriesQuery)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveriesQuery> {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    private readonly log: DeliveryLog,
  ) {}

  async execute({ actor, webhookId, page }: ListDeliveriesQuery) {
    const endpoint = await ownEndpoint(this.endpoints, actor.organisationId, webhookId, { deletedToo: true });
    const deliveries = await this.log.list(endpoint.id, page);
    return { ...deliveries, actions: await this.log.actions(endpoint.id) };
  }
}
