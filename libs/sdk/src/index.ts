/**
 * @passerelle/client: the Passerelle API as typed calls, and its webhooks as typed, verified events
 * (libs/sdk/README.md). The types of paths, bodies and answers are generated from the API's own
 * OpenAPI document by `npm run sdk:generate`; the webhook types come from libs/contracts, which
 * the network publishes them from.
 */
export { createPasserelleClient, type PasserelleClient, type PasserelleClientOptions } from './client';
export {
  verifyWebhook,
  UnknownWebhookTypeError,
  WebhookVerificationError,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookHeaders,
  type WebhookPayloadOf,
} from './webhooks';
export type { components, operations, paths } from './generated/openapi';
export type { ResponseBody, RequestBody, Schema } from './types';
