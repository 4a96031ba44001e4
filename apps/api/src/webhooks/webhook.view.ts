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

/** Another partner's endpoint answers exactly like one that does not exist. */
export async function ownEndpoint(store: WebhookEndpointStore, organisationId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await store.get(organisationId, id);
  if (!endpoint) throw notFound('WEBHOOK.NOT_FOUND', 'No such webhook endpoint.');
  return endpoint;
}

/** As {@link ownEndpoint}, but a deleted endpoint too: its delivery log outlives it (docs/webhooks.md#delivery-log). */
export async function ownEndpointLog(store: WebhookEndpointStore, organisationId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await store.getWithLog(organisationId, id);
  if (!endpoint) throw notFound('WEBHOOK.NOT_FOUND', 'No such webhook endpoint.');
  return endpoint;
}
