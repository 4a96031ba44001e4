import { isIntegrationEventType, type WebhookEvent } from '@passerelle/contracts';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export type { WebhookEvent, WebhookPayloadOf, IntegrationEventType as WebhookEventType } from '@passerelle/contracts';
export { INTEGRATION_EVENT_TYPES as WEBHOOK_EVENT_TYPES } from '@passerelle/contracts';
export { WebhookVerificationError };

/** A fetch `Headers`, or Node's `IncomingHttpHeaders` (`req.headers` of node:http and express). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A genuine webhook of a type this client does not know (a newer version published beside the one
 * you handle). Answer it with a 2xx: redelivering it would not make it known.
 */
export class UnknownWebhookTypeError extends Error {
  constructor(readonly payload: { type: string } & Record<string, unknown>) {
    super(`unknown webhook type ${payload.type}`);
    this.name = 'UnknownWebhookTypeError';
  }
}

/**
 * Verifies a Passerelle webhook (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, docs/webhooks.md) and returns its body, typed by `type`.
 * - `secret`: the endpoint's `whsec_…`, shown once by `POST /v1/webhooks`.
 * - `rawBody`: the bytes as received, before any JSON parsing (a re-serialised body no longer matches).
 * Throws WebhookVerificationError when the signature is missing, forged or for another body or id,
 * or when it was signed more than five minutes ago (answer 400 or 401), and UnknownWebhookTypeError
 * for a genuine type this client does not know.
 *
 * Delivery is at least once: deduplicate on `eventId` (equal to the `webhook-id` header), which
 * every retry and replay of the same event repeats.
 */
export function verifyWebhook(secret: string, rawBody: string | Buffer, headers: WebhookHeaders): WebhookEvent {
  const payload = new Webhook(secret).verify(rawBody, standardHeaders(headers));
  if (!isObject(payload) || typeof payload.type !== 'string' || payload.eventId !== header(headers, 'webhook-id'))
    throw new WebhookVerificationError('Not a Passerelle webhook body');
  if (!isIntegrationEventType(payload.type)) throw new UnknownWebhookTypeError({ ...payload, type: payload.type });
  return payload as WebhookEvent;
}

const STANDARD_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function standardHeaders(headers: WebhookHeaders): Record<(typeof STANDARD_HEADERS)[number], string> {
  const [id, timestamp, signature] = STANDARD_HEADERS.map((name) => header(headers, name) ?? '');
  return { 'webhook-id': id ?? '', 'webhook-timestamp': timestamp ?? '', 'webhook-signature': signature ?? '' };
}

/** A repeated header is joined with spaces: several signatures are how a secret rotation is sent. */
function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return typeof value === 'string' ? value : value?.join(' ');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
