import { DeliveryAttempts } from '@passerelle/webhooks';
import { randomUUID } from 'node:crypto';
import { ASSO, asso, refuge } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { ListDeliveryAttemptsHandler } from './list-delivery-attempts.handler';
import { ListDeliveryAttemptsQuery } from './list-delivery-attempts.query';

const DAY_MS = 86_400_000;

describe('list delivery attempts', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const retention = () => new DeliveryAttempts(tables.pool, 30 * DAY_MS);
  const handler = () => new ListDeliveryAttemptsHandler(tables.endpoints, retention());

  /** A delivery of one event to the endpoint, and its attempts as the dispatcher records them (`daysAgo` old). */
  const delivered = async (endpointId: string, attempts: { daysAgo: number; status?: number; error?: string; durationMs: number }[]) => {
    const eventId = await tables.aDelivery(endpointId, { attempts: attempts.length });
    for (const attempt of attempts) {
      await tables.pool.query(
        `INSERT INTO webhook_delivery_attempts (endpoint_id, event_id, attempted_at, response_status, error, duration_ms)
         VALUES ($1, $2, now() - $3::int * interval '1 day', $4, $5, $6)`,
        [endpointId, eventId, attempt.daysAgo, attempt.status ?? null, attempt.error ?? null, attempt.durationMs],
      );
    }
    return eventId;
  };

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('delivery_attempts')));
  afterAll(() => tables.close());

  it('lists the owner every attempt of the delivery, oldest first: status or network error, and duration', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const eventId = await delivered(endpoint.id, [
      { daysAgo: 1, status: 204, durationMs: 12 },
      { daysAgo: 3, error: 'ECONNREFUSED', durationMs: 1 },
      { daysAgo: 2, status: 503, durationMs: 15_000 },
    ]);

    const { items } = await handler().execute(new ListDeliveryAttemptsQuery(asso, endpoint.id, eventId));

    expect(items).toEqual([
      { at: expect.any(String) as string, error: 'ECONNREFUSED', durationMs: 1 },
      { at: expect.any(String) as string, status: 503, durationMs: 15_000 },
      { at: expect.any(String) as string, status: 204, durationMs: 12 },
    ]);
  });

  it('keeps attempts for the retention only: older ones are neither shown nor kept after a purge', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const eventId = await delivered(endpoint.id, [
      { daysAgo: 45, error: 'timeout after 15000 ms', durationMs: 15_000 },
      { daysAgo: 29, status: 200, durationMs: 40 },
    ]);

    expect((await handler().execute(new ListDeliveryAttemptsQuery(asso, endpoint.id, eventId))).items).toEqual([
      expect.objectContaining({ status: 200 }),
    ]);
    expect(await retention().purge()).toBeGreaterThanOrEqual(1);
    const { rows } = await tables.pool.query('SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE event_id = $1', [eventId]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('answers an empty history for a delivery not attempted yet', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const eventId = await delivered(endpoint.id, []);
    expect(await handler().execute(new ListDeliveryAttemptsQuery(asso, endpoint.id, eventId))).toEqual({ items: [] });
  });

  it('answers another organisation as if the endpoint did not exist, and an unknown event with its own 404', async () => {
    const { endpoint } = await tables.anEndpoint(ASSO);
    const eventId = await delivered(endpoint.id, [{ daysAgo: 0, status: 204, durationMs: 3 }]);

    await expect(handler().execute(new ListDeliveryAttemptsQuery(refuge, endpoint.id, eventId))).rejects.toMatchObject({
      code: 'WEBHOOK.NOT_FOUND',
    });
    const unknownEvent = randomUUID();
    const refusal: unknown = await handler()
      .execute(new ListDeliveryAttemptsQuery(asso, endpoint.id, unknownEvent))
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'WEBHOOK.DELIVERY_NOT_FOUND' });
    // Its detail repeats neither id of the path, as no answer repeats what was sent.
    expect((refusal as Error).message).not.toMatch(new RegExp(`${endpoint.id}|${unknownEvent}`));
  });
});
