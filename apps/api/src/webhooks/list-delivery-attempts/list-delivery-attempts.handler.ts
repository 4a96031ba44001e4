import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '@passerelle/domain';
import { DeliveryAttempts, WebhookEndpointStore, type DeliveryAttempt } from '@passerelle/webhooks';
import { ownEndpoint } from '../webhook.view';
import { ListDeliveryAttemptsQuery } from './list-delivery-attempts.query';

/**
 * Every attempt of one delivery, oldest first: when, the status code or why no answer came, how
 * long it took (docs/webhooks.md#delivery-log). Only the endpoint's owner sees it; another
 * organisation gets the 404 of an endpoint that does not exist.
 */
@QueryHandler(ListDeliveryAttemptsQuery)
export class ListDeliveryAttemptsHandler implements IQueryHandler<ListDeliveryAttemptsQuery, { items: DeliveryAttempt[] }> {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    private readonly attempts: DeliveryAttempts,
  ) {}

  async execute({ actor, webhookId, eventId }: ListDeliveryAttemptsQuery) {
    const endpoint = await ownEndpoint(this.endpoints, actor.organisationId, webhookId, { deletedToo: true });
    const items = await this.attempts.list(endpoint.id, eventId);
    if (!items) throw notFound('WEBHOOK.DELIVERY_NOT_FOUND', 'This webhook endpoint has no delivery of that event.');
    return { items };
  }
}
