import type { WebhookPayload } from '@passerelle/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { UnknownWebhookTypeError, verifyWebhook, WebhookVerificationError, type WebhookEvent } from './webhooks';

// Every typed body is a body the network writes (libs/contracts/src/webhook-payload.ts): a compile-time check.
const _sameShape = (event: WebhookEvent): WebhookPayload => event;

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const signed = (body: string, options: { id?: string; at?: Date; key?: string } = {}) => {
  const id = options.id ?? (JSON.parse(body) as { eventId: string }).eventId;
  const at = options.at ?? new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.key ?? secret).sign(id, at, body),
  };
};
const body = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'referral.withdrawn.v1',
    eventId: randomUUID(),
    referralId: randomUUID(),
    streamRevision: '1',
    globalPosition: '42',
    occurredAt: new Date().toISOString(),
    reason: 'placed_elsewhere',
    ...fields,
  });

describe('verifyWebhook', () => {
  it('returns a genuine body, typed by its type', () => {
    const raw = body();
    const event = verifyWebhook(secret, raw, signed(raw));
    expect(event).toEqual(JSON.parse(raw));
    if (event.type !== 'referral.withdrawn.v1') throw new Error('narrowing on type');
    expect([event.referralId, event.reason]).toEqual([JSON.parse(raw).referralId, 'placed_elsewhere']);
  });

  it("reads Node's headers and fetch's Headers alike, and a Buffer body", () => {
    const raw = body();
    expect(verifyWebhook(secret, Buffer.from(raw), new Headers(signed(raw))).eventId).toBe(JSON.parse(raw).eventId);
    const rotated = signed(raw, { key: `whsec_${randomBytes(32).toString('base64')}` })['webhook-signature'];
    expect(verifyWebhook(secret, raw, { ...signed(raw), 'webhook-signature': [rotated, signed(raw)['webhook-signature']] }).type).toBe(
      'referral.withdrawn.v1',
    );
  });

  it('refuses another secret, a tampered body, another id, a stale signature and missing headers', () => {
    const raw = body();
    const refused = (rawBody: string, headers: Record<string, string>) => () => verifyWebhook(secret, rawBody, headers);
    expect(refused(raw, signed(raw, { key: `whsec_${randomBytes(32).toString('base64')}` }))).toThrow(WebhookVerificationError);
    expect(refused(raw.replace('placed_elsewhere', 'expired'), signed(raw))).toThrow(WebhookVerificationError);
    expect(refused(raw, { ...signed(raw), 'webhook-id': randomUUID() })).toThrow(WebhookVerificationError);
    expect(refused(raw, signed(raw, { at: new Date(Date.now() - 6 * 60_000) }))).toThrow(WebhookVerificationError);
    expect(refused(raw, {})).toThrow(WebhookVerificationError);
  });

  it('refuses a signed body whose eventId is not its webhook-id', () => {
    const raw = body();
    expect(() => verifyWebhook(secret, raw, signed(raw, { id: randomUUID() }))).toThrow(WebhookVerificationError);
  });

  it('tells a genuine body of an unknown type apart, with its payload', () => {
    const raw = body({ type: 'referral.made.v2' });
    const error = (() => {
      try {
        verifyWebhook(secret, raw, signed(raw));
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnknownWebhookTypeError);
    expect((error as UnknownWebhookTypeError).payload.type).toBe('referral.made.v2');
  });
});
