import type { ReferralEvent } from '@passerelle/domain';
import { CommandHandlerSpecification } from '@passerelle/testing';
import { randomUUID } from 'node:crypto';
import { ASSO, asso, refuge } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { DeleteWebhookCommand } from './delete-webhook.command';
import { DeleteWebhookHandler } from './delete-webhook.handler';

const given = CommandHandlerSpecification.for<ReferralEvent>();

describe('delete webhook', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const handler = () => new DeleteWebhookHandler(tables.endpoints, tables.log);
  const deliveryStatus = async (endpointId: string) =>
    (await tables.pool.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId])).rows.map(
      (r) => r.status,
    );

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('delete_webhook')));
  afterAll(() => tables.close());

  it('stops the endpoint and cancels what was waiting, which stays in the log', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    await tables.pool.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, global_position, event_type, payload) VALUES ($1, $2, 1, 'referral.made.v1', '{}')`,
      [endpoint.id, randomUUID()],
    );
    await given()
      .when(() => handler().execute(new DeleteWebhookCommand(asso, endpoint.id)))
      .thenNothingHappened();
    expect(await tables.endpoints.list(ASSO)).not.toContainEqual(expect.objectContaining({ id: endpoint.id }));
    expect(await deliveryStatus(endpoint.id)).toEqual(['cancelled']);
    expect(await tables.actionsOn(endpoint.id)).toEqual([{ action: 'deleted', actor: `key:${asso.keyId}` }]);
  });

  it('names the person who deleted it in the endpoint’s action log', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const caseworker = { ...asso, role: 'caseworker' as const, keyId: null, personId: 'person-awa' };
    await handler().execute(new DeleteWebhookCommand(caseworker, endpoint.id));
    expect(await tables.actionsOn(endpoint.id)).toEqual([{ action: 'deleted', actor: 'person:person-awa' }]);
  });

  it("answers another partner's endpoint exactly like one that does not exist, and keeps it", async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    await given()
      .when(() => handler().execute(new DeleteWebhookCommand(refuge, endpoint.id)))
      .thenThrows('WEBHOOK.NOT_FOUND');
    await given()
      .when(() => handler().execute(new DeleteWebhookCommand(refuge, randomUUID())))
      .thenThrows('WEBHOOK.NOT_FOUND');
    expect(await tables.endpoints.get(ASSO, endpoint.id)).toMatchObject({ status: 'active' });
  });

  it('refuses to delete an endpoint twice', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    await handler().execute(new DeleteWebhookCommand(asso, endpoint.id));
    await given()
      .when(() => handler().execute(new DeleteWebhookCommand(asso, endpoint.id)))
      .thenThrows('WEBHOOK.NOT_FOUND');
  });
});
