import type { Pool, PoolClient } from 'pg';

/**
 * The partner's own state, in its own PostgreSQL database: the webhooks it took in (by webhook-id,
 * with how many times each arrived), what it did about each referral, and its webhook endpoint.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS partner_webhooks (
  webhook_id text PRIMARY KEY,
  type text NOT NULL,
  deliveries integer NOT NULL DEFAULT 1,
  first_received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS partner_decisions (
  referral_id text PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES partner_webhooks (webhook_id),
  action text NOT NULL,
  reason text,
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS partner_endpoint (
  url text PRIMARY KEY,
  endpoint_id text NOT NULL,
  secret text NOT NULL
);`;

export async function migrate(pool: Pool): Promise<void> {
  await pool.query(SCHEMA);
}

/**
 * Runs `act` once per webhook-id, however often the webhook arrives (at-least-once delivery,
 * retries, replays): the webhook's row is inserted in the same transaction as what `act` records,
 * and a second arrival, even concurrent, waits for the first and then finds it. If `act` throws,
 * nothing is recorded and the webhook's redelivery tries again.
 */
export async function once(
  pool: Pool,
  webhookId: string,
  type: string,
  act: (tx: PoolClient) => Promise<void>,
): Promise<'acted' | 'duplicate'> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const { rows } = await tx.query<{ deliveries: number }>(
      `INSERT INTO partner_webhooks (webhook_id, type) VALUES ($1, $2)
       ON CONFLICT (webhook_id) DO UPDATE SET deliveries = partner_webhooks.deliveries + 1
       RETURNING deliveries`,
      [webhookId, type],
    );
    const duplicate = (rows[0]?.deliveries ?? 1) > 1;
    if (!duplicate) await act(tx);
    await tx.query('COMMIT');
    return duplicate ? 'duplicate' : 'acted';
  } catch (error) {
    await tx.query('ROLLBACK');
    throw error;
  } finally {
    tx.release();
  }
}

export async function recordDecision(
  tx: PoolClient,
  referralId: string,
  webhookId: string,
  action: string,
  reason: string | null,
): Promise<void> {
  await tx.query('INSERT INTO partner_decisions (referral_id, webhook_id, action, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    referralId,
    webhookId,
    action,
    reason,
  ]);
}

export async function storedEndpoint(pool: Pool, url: string): Promise<{ endpointId: string; secret: string } | undefined> {
  const { rows } = await pool.query<{ endpoint_id: string; secret: string }>(
    'SELECT endpoint_id, secret FROM partner_endpoint WHERE url = $1',
    [url],
  );
  return rows[0] && { endpointId: rows[0].endpoint_id, secret: rows[0].secret };
}

export async function storeEndpoint(pool: Pool, url: string, endpointId: string, secret: string): Promise<void> {
  await pool.query('INSERT INTO partner_endpoint (url, endpoint_id, secret) VALUES ($1, $2, $3)', [url, endpointId, secret]);
}
