import type { Actor } from '@passerelle/domain';
import type { DeliveryStatus } from '@passerelle/webhooks';
import { ASSO, asso, refuge } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { ListDeliveriesHandler } from './list-deliveries.handler';
import { ListDeliveriesQuery, type DeliveryPage } from './list-deliveries.query';

describe('list deliveries', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const deliveriesAs = (who: Actor, webhookId: string, page: Partial<DeliveryPage> = {}) =>
    new ListDeliveriesHandler(tables.endpoints, tables.log).execute(
      new ListDeliveriesQuery(who, webhookId, { status: undefined, before: undefined, limit: 50, ...page }),
    );
  /** An endpoint of the association with three deliveries: delivered, dead-lettered, then one waiting for its retry. */
  const anEndpointWithDeliveries = async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const delivered = await tables.aDelivery(endpoint.id, { position: 10, status: 'delivered', attempts: 1, responseCode: 204 });
    const gone = await tables.aDelivery(endpoint.id, { position: 11, status: 'dead_lettered', attempts: 1, responseCode: 410 });
    const retrying = await tables.aDelivery(endpoint.id, { position: 12, status: 'pending', attempts: 2, responseCode: 503 });
    return { endpoint, delivered, gone, retrying };
  };

  const at = expect.any(String) as string;
  /** A line of the log as its owner sees it: instants where the delivery has them, never the payload. */
  const line = (
    eventId: string,
    globalPosition: string,
    status: DeliveryStatus,
    attempts: number,
    lastResponseCode: number,
    due: { nextAttemptAt?: string; deliveredAt?: string } = {},
  ) => ({
    eventId,
    type: 'referral.made.v1',
    globalPosition,
    status,
    attempts,
    lastResponseCode,
    lastError: null,
    lastAttemptAt: at,
    nextAttemptAt: null,
    deliveredAt: null,
    ...due,
  });

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('list_deliveries')));
  afterAll(() => tables.close());

  it('shows the owner its deliveries, newest event first, when the next attempt is due, and who acted on the endpoint', async () => {
    const { endpoint, delivered, gone, retrying } = await anEndpointWithDeliveries();
    await tables.log.recordAction(endpoint.id, ASSO, 'registered', `key:${asso.keyId}`);
    await tables.log.recordAction(endpoint.id, ASSO, 'secret_rotated', 'person:person-asso-admin');

    expect(await deliveriesAs(asso, endpoint.id)).toEqual({
      items: [
        line(retrying, '12', 'pending', 2, 503, { nextAttemptAt: at }),
        line(gone, '11', 'dead_lettered', 1, 410),
        line(delivered, '10', 'delivered', 1, 204, { deliveredAt: at }),
      ],
      nextCursor: null,
      actions: [
        { action: 'secret_rotated', actor: 'person:person-asso-admin', at, detail: {} },
        { action: 'registered', actor: `key:${asso.keyId}`, at, detail: {} },
      ],
    });
  });

  it('filters by status, and pages older events with the cursor of the previous page', async () => {
    const { endpoint, delivered, gone, retrying } = await anEndpointWithDeliveries();
    const eventIds = (answer: { items: { eventId: string }[] }) => answer.items.map((item) => item.eventId);

    expect(eventIds(await deliveriesAs(asso, endpoint.id, { status: 'dead_lettered' }))).toEqual([gone]);
    const first = await deliveriesAs(asso, endpoint.id, { limit: 2 });
    expect(first).toMatchObject({ nextCursor: '11' });
    expect(eventIds(first)).toEqual([retrying, gone]);
    const second = await deliveriesAs(asso, endpoint.id, { limit: 2, before: BigInt(first.nextCursor ?? '') });
    expect(second).toMatchObject({ nextCursor: null });
    expect(eventIds(second)).toEqual([delivered]);
  });

  it('answers another partner as if the endpoint did not exist, even once deleted', async () => {
    const { endpoint } = await anEndpointWithDeliveries();
    await expect(deliveriesAs(refuge, endpoint.id)).rejects.toMatchObject({ code: 'WEBHOOK.NOT_FOUND' });

    await tables.endpoints.remove(ASSO, endpoint.id);
    await expect(deliveriesAs(refuge, endpoint.id)).rejects.toMatchObject({ code: 'WEBHOOK.NOT_FOUND' });
  });

  it('still shows its owner the log of a deleted endpoint, the delivery that was waiting cancelled', async () => {
    const { endpoint, delivered, retrying } = await anEndpointWithDeliveries();
    await tables.endpoints.remove(ASSO, endpoint.id);

    const { items } = await deliveriesAs(asso, endpoint.id);
    expect(items.map(({ eventId, status }) => ({ eventId, status }))).toEqual([
      { eventId: retrying, status: 'cancelled' },
      expect.objectContaining({ status: 'dead_lettered' }),
      { eventId: delivered, status: 'delivered' },
    ]);
  });
});
