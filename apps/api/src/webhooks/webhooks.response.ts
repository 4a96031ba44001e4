import { arrayOf, count, INSTANT, integer, named, object, oneOfValues, orNull, POSITION, text, UUID } from '@passerelle/http';

const WEBHOOK_ID = '2f9a9641-f72f-51aa-8aae-fbd66b4733cc';
const WEBHOOK_FIELDS = {
  id: UUID,
  url: text({ format: 'uri' }),
  events: arrayOf(text({ example: 'referral.accepted.v1' }), { description: 'Event types delivered, or ["*"] for all' }),
  status: oneOfValues(['active', 'disabled']),
  disabledReason: orNull(oneOfValues(['gone', 'failing'])),
  failingSince: orNull(INSTANT),
  createdAt: INSTANT,
};
const WEBHOOK_EXAMPLE_FIELDS = {
  id: WEBHOOK_ID,
  url: 'https://partner.example/hook',
  events: ['*'],
  status: 'active',
  disabledReason: null,
  failingSince: null,
  createdAt: '2026-12-03T10:34:14.088Z',
};
const SECRET = text({ pattern: '^whsec_', description: 'The signing secret (Standard Webhooks), shown once' });

export const WEBHOOK = named('Webhook', object(WEBHOOK_FIELDS));
export const WEBHOOK_EXAMPLE = WEBHOOK_EXAMPLE_FIELDS;
export const WEBHOOKS = named('WebhookList', object({ items: arrayOf(WEBHOOK) }));
export const WEBHOOKS_EXAMPLE = { items: [WEBHOOK_EXAMPLE_FIELDS] };
export const WEBHOOK_REGISTERED = named('WebhookRegistered', object({ ...WEBHOOK_FIELDS, secret: SECRET }));
export const WEBHOOK_REGISTERED_EXAMPLE = { ...WEBHOOK_EXAMPLE_FIELDS, secret: 'whsec_IL9Qms3/W83h/w5optM3b+N23aLYOiYsZrZFKZaBPJw=' };

export const SECRET_ROTATED = named(
  'WebhookSecretRotated',
  object({ id: UUID, secret: SECRET, previousSecretValidUntil: { ...INSTANT, description: 'The old secret still signs until then' } }),
);
export const SECRET_ROTATED_EXAMPLE = {
  id: WEBHOOK_ID,
  secret: 'whsec_Sef2Y4wgGIPP8ajAYz5xb7TLIPn542KlJPDP63XAXfk=',
  previousSecretValidUntil: '2026-12-03T10:35:14.216Z',
};

export const REPLAY_QUEUED = named(
  'WebhookReplayQueued',
  object({ id: UUID, fromPosition: POSITION, since: INSTANT, queued: count(), toPosition: POSITION }, ['fromPosition', 'since'], {
    description: 'fromPosition or since, as asked',
  }),
);
export const REPLAY_QUEUED_EXAMPLE = { id: WEBHOOK_ID, fromPosition: '0', queued: 17, toPosition: '28' };

export const DELIVERIES = named(
  'WebhookDeliveries',
  object({
    items: arrayOf(
      object({
        eventId: UUID,
        type: text({ example: 'referral.accepted.v1' }),
        globalPosition: POSITION,
        status: oneOfValues(['pending', 'delivering', 'delivered', 'dead_lettered', 'cancelled']),
        attempts: count(),
        lastResponseCode: orNull(integer()),
        lastError: orNull(text()),
        lastAttemptAt: orNull(INSTANT),
        nextAttemptAt: orNull(INSTANT),
        deliveredAt: orNull(INSTANT),
      }),
    ),
    nextCursor: orNull(text({ description: 'Pass as cursor for the next page; null on the last' })),
    actions: arrayOf(
      object({
        action: oneOfValues(['registered', 'deleted', 'secret_rotated', 'replayed']),
        actor: orNull(text({ description: 'person:<id> or key:<id>' })),
        at: INSTANT,
        detail: { type: 'object' },
      }),
    ),
  }),
);
export const DELIVERIES_EXAMPLE = {
  items: [
    {
      eventId: '3fe7b7e8-9789-54f3-af85-7d2716548f2a',
      type: 'organisation.capacity_declared.v1',
      globalPosition: '11',
      status: 'delivered',
      attempts: 1,
      lastResponseCode: 204,
      lastError: null,
      lastAttemptAt: '2026-12-03T10:34:43.302Z',
      nextAttemptAt: null,
      deliveredAt: '2026-12-03T10:34:43.330Z',
    },
  ],
  nextCursor: null,
  actions: [{ action: 'registered', actor: 'key:41e23b67-2de0-5117-a955-211d7aa9f997', at: '2026-12-03T10:34:43.242Z', detail: {} }],
};

export const ATTEMPTS = named(
  'WebhookDeliveryAttempts',
  object({
    items: arrayOf(
      object(
        {
          at: INSTANT,
          status: integer({ description: 'The HTTP status the endpoint answered; absent when none came' }),
          error: text({ description: 'Why no answer came (ECONNREFUSED, timeout …); absent when one did' }),
          durationMs: count(),
        },
        ['status', 'error'],
      ),
    ),
  }),
);
export const ATTEMPTS_EXAMPLE = { items: [{ at: '2026-12-03T10:34:44.373Z', status: 503, durationMs: 20 }] };
