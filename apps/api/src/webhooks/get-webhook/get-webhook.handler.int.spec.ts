import type { Actor } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { ASSO, asso, refuge } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { GetWebhookHandler } from './get-webhook.handler';
import { GetWebhookQuery } from './get-webhook.query';

describe('get webhook', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const webhookAs = (who: Actor, id: string) => new GetWebhookHandler(tables.endpoints).execute(new GetWebhookQuery(who, id));

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('get_webhook')));
  afterAll(() => tables.close());

  it('shows the partner its endpoint: URL, events, status, creation; never its secret', async () => {
    const { endpoint, secret } = await tables.anEndpoint(ASSO, { url: 'http://127.0.0.1:8080/hooks', events: ['referral.made.v1'] });

    const seen = await webhookAs(asso, endpoint.id);

    expect(seen).toEqual({
      id: endpoint.id,
      url: 'http://127.0.0.1:8080/hooks',
      events: ['referral.made.v1'],
      status: 'active',
      disabledReason: null,
      failingSince: null,
      createdAt: endpoint.createdAt,
    });
    expect(JSON.stringify(seen)).not.toContain(secret);
  });

  it('shows why a disabled endpoint stopped, and since when it was failing', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    await tables.pool.query(
      `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'failing', failing_since = '2026-11-19T10:00:00Z' WHERE id = $1`,
      [endpoint.id],
    );

    expect(await webhookAs(asso, endpoint.id)).toMatchObject({
      status: 'disabled',
      disabledReason: 'failing',
      failingSince: '2026-11-19T10:00:00.000Z',
    });
  });

  it('answers another partner, a deleted endpoint and an unknown id alike: no such endpoint', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const { endpoint: deleted } = await tables.anEndpoint(ASSO);
    await tables.endpoints.remove(ASSO, deleted.id);

    for (const [who, id] of [
      [refuge, endpoint.id],
      [asso, deleted.id],
      [asso, randomUUID()],
    ] as const) {
      await expect(webhookAs(who, id)).rejects.toMatchObject({ code: 'WEBHOOK.NOT_FOUND' });
    }
  });
});
