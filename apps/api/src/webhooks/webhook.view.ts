import { notFound } from '@passerelle/domain';
import type { WebhookEndpoint, WebhookEndpointStore } from '@passerelle/webhooks';

/** A partner's view of its endpoint: never a secret (shown once, at creation or rotation). */
export function webhookView(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    status: endpoint.status,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince,
    createdAt: endpoint.createdAt,
  };
}

/**
 * Another partner's endpoint answers exactly like one that does not exist. `deletedToo` for its
 * delivery log, which outlives it (docs/webhooks.md#delivery-log).
 */
export async function ownEndpoint(
  store: WebhookEndpointStore,
  organisationId: string,
  id: string,
  { deletedToo = false } = {},
): Promise<WebhookEndpoint> {
  const endpoint = await store.get(organisationId, id, { deletedToo });
  if (!endpoint) throw notFound('WEBHOOK.NOT_FOUND', 'No such webhook endpoint.');
  return endpoint;
}
