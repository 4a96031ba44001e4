import type { ReferralEvent } from '@passerelle/domain';
import { CommandHandlerSpecification } from '@passerelle/testing';
import { webhookSettings } from '@passerelle/webhooks';
import { randomUUID } from 'node:crypto';
import { ASSO, asso, refuge } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret.handler';

const given = CommandHandlerSpecification.for<ReferralEvent>();
const HOUR_MS = 3_600_000;

describe('rotate webhook secret', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const handler = () =>
    new RotateWebhookSecretHandler(tables.endpoints, webhookSettings({}, { rotationOverlapMs: 2 * HOUR_MS }), tables.log);
  /** The previous secret's validity, in hours from when the rotation was asked (rounded: the database sets the time). */
  const overlapHours = (validUntil: string, askedAt: number) => Math.round((Date.parse(validUntil) - askedAt) / HOUR_MS);

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('rotate_webhook_secret')));
  afterAll(() => tables.close());

  it('shows a new secret once, the previous one still valid for the overlap asked', async () => {
    const { endpoint, secret: first } = await tables.anEndpoint(ASSO);
    const askedAt = Date.now();
    await given()
      .when(async () => {
        const rotated = await handler().execute(new RotateWebhookSecretCommand(asso, endpoint.id, 6 * 3600));
        expect(rotated.id).toBe(endpoint.id);
        expect(rotated.secret).toMatch(/^whsec_/);
        expect(rotated.secret).not.toBe(first);
        expect(overlapHours(rotated.previousSecretValidUntil, askedAt)).toBe(6);
      })
      .thenNothingHappened();
  });

  it('keeps the previous secret for the configured overlap when none is asked', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const askedAt = Date.now();
    await given()
      .when(async () => {
        const rotated = await handler().execute(new RotateWebhookSecretCommand(asso, endpoint.id, undefined));
        expect(overlapHours(rotated.previousSecretValidUntil, askedAt)).toBe(2);
      })
      .thenNothingHappened();
  });

  it("answers another partner's endpoint exactly like one that does not exist", async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    await given()
      .when(() => handler().execute(new RotateWebhookSecretCommand(refuge, endpoint.id, undefined)))
      .thenThrows('WEBHOOK.NOT_FOUND');
    await given()
      .when(() => handler().execute(new RotateWebhookSecretCommand(asso, randomUUID(), undefined)))
      .thenThrows('WEBHOOK.NOT_FOUND');
  });
});
