import { migrate } from '@passerelle/migrations';
import { generateMasterKey } from '@passerelle/privacy';
import { PROJECTION_RUNNER_MIGRATIONS } from '@passerelle/projections';
import { createTestDatabase } from '@passerelle/testing';
import {
  DeliveryLog,
  SecretBox,
  WEBHOOK_MIGRATIONS,
  WebhookEndpointStore,
  webhookSettings,
  type DeliveryStatus,
  type NewEndpoint,
} from '@passerelle/webhooks';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { endPool } from './use-case.fixtures';

interface Delivery {
  position: number;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
}

/** What a webhook use-case spec needs: the endpoint tables on a fresh test database (they are not events). */
export async function webhookTablesOnTestDatabase(prefix: string) {
  const db = await createTestDatabase(prefix);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  // Registering locks the outbox projection's checkpoint row, so its table is needed too.
  await migrate(pool, [PROJECTION_RUNNER_MIGRATIONS, WEBHOOK_MIGRATIONS]);
  const endpoints = new WebhookEndpointStore(pool, new SecretBox(generateMasterKey().encode()));
  return {
    pool,
    endpoints,
    log: new DeliveryLog(pool),
    /** Who acted on an endpoint, newest first. */
    actionsOn: async (endpointId: string) =>
      (await new DeliveryLog(pool).actions(endpointId)).map(({ action, actor }) => ({ action, actor })),
    /** Loopback allowed, as in development: a literal 127.0.0.1 URL needs no DNS. */
    settings: webhookSettings({}, { allowLoopback: true }),
    /** An endpoint registered straight in the store, as an earlier request would have. */
    anEndpoint: (organisationId: string, data: Partial<NewEndpoint> = {}) =>
      endpoints.register({ id: randomUUID(), organisationId, url: 'http://127.0.0.1:9/hook', events: ['*'], headPosition: -1n, ...data }),
    /**
     * The delivery of one event (at `position`) to the endpoint, as the outbox projection and the
     * dispatcher leave it: its last answer, when attempted; deliveredAt once delivered. Returns the event's id.
     */
    async aDelivery(
      endpointId: string,
      { position = 7, status = 'delivered', attempts = 0, responseCode = null }: Partial<Delivery> = {},
    ): Promise<string> {
      const eventId = randomUUID();
      await pool.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_id, global_position, event_type, payload, status, attempts, last_response_code, last_attempt_at, delivered_at)
         VALUES ($1, $2, $3, 'referral.made.v1', '{}', $4, $5, $6, CASE WHEN $5::int > 0 THEN now() END, CASE WHEN $4::text = 'delivered' THEN now() END)`,
        [endpointId, eventId, position, status, attempts, responseCode],
      );
      return eventId;
    },
    async close() {
      await endPool(pool);
      await db.drop();
    },
  };
}
