import type { Actor } from '@passerelle/domain';
import { ASSO, CLINIC, REFUGE, asso, clinic, police } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { ListWebhooksHandler } from './list-webhooks.handler';
import { ListWebhooksQuery } from './list-webhooks.query';

describe('list webhooks', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const webhooksOf = (who: Actor) => new ListWebhooksHandler(tables.endpoints).execute(new ListWebhooksQuery(who));

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('list_webhooks')));
  afterAll(() => tables.close());

  it('lists a partner its own endpoints, oldest first, without their secrets; another partner’s are not among them', async () => {
    const first = await tables.anEndpoint(ASSO, { url: 'http://127.0.0.1:8080/first' });
    await tables.anEndpoint(REFUGE, { url: 'http://127.0.0.1:8080/the-refuge' });
    const second = await tables.anEndpoint(ASSO, { url: 'http://127.0.0.1:8080/second', events: ['referral.accepted.v1'] });

    const { items } = await webhooksOf(asso);

    expect(items).toEqual([
      expect.objectContaining({ id: first.endpoint.id, url: 'http://127.0.0.1:8080/first', events: ['*'], status: 'active' }),
      expect.objectContaining({ id: second.endpoint.id, url: 'http://127.0.0.1:8080/second', events: ['referral.accepted.v1'] }),
    ]);
    for (const { secret } of [first, second]) expect(JSON.stringify(items)).not.toContain(secret);
  });

  it('leaves a deleted endpoint out, and answers a partner without any with an empty list', async () => {
    const { endpoint: kept } = await tables.anEndpoint(CLINIC);
    const { endpoint: deleted } = await tables.anEndpoint(CLINIC);
    await tables.endpoints.remove(CLINIC, deleted.id);

    expect((await webhooksOf(clinic)).items.map((item) => item.id)).toEqual([kept.id]);
    expect(await webhooksOf(police)).toEqual({ items: [] });
  });
});
