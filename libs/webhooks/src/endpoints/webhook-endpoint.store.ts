import { inTransaction } from '@passerelle/database';
import { lockCheckpoint, type Queryable } from '@passerelle/projections';
import type { Pool, PoolClient } from 'pg';
import { OUTBOX_PROJECTION } from '../outbox-checkpoint';
import type { SecretBox } from '../secrets/secret-box';
import { generateWebhookSecret } from '../secrets/webhook-secret';
import { ENDPOINT_COLUMNS, toEndpoint, type EndpointRow, type WebhookEndpoint } from './webhook-endpoint';

export interface NewEndpoint {
  id: string;
  organisationId: string;
  url: string;
  events: string[];
  /** The event store's head when the partner registered: earlier events come only by replay. */
  headPosition: bigint;
}

/**
 * Endpoints and their secrets. Every read and write is scoped by the organisation that owns the
 * endpoint: another partner's endpoint answers exactly like one that does not exist.
 */
export class WebhookEndpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly box: SecretBox,
  ) {}

  /**
   * Registers an endpoint and its first secret. Holding the outbox checkpoint's row lock while
   * inserting serialises this with the outbox projection's batches: every event after
   * `after_position` is in a batch that commits later and so sees the endpoint, none is missed.
   * Retrying with the same id (a lost answer) returns the same endpoint and secret.
   */
  async register(endpoint: NewEndpoint): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    return this.transaction(async (client) => {
      const stored = await lockCheckpoint(rowsOf(client), OUTBOX_PROJECTION);
      const after = stored > endpoint.headPosition ? stored : endpoint.headPosition;
      const inserted = await client.query(
        `INSERT INTO webhook_endpoints (id, organisation_id, url, event_types, after_position) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [endpoint.id, endpoint.organisationId, endpoint.url, endpoint.events, after.toString()],
      );
      const secret = generateWebhookSecret();
      if (inserted.rowCount === 1) {
        await client.query('INSERT INTO webhook_secrets (endpoint_id, version, sealed) VALUES ($1, 1, $2)', [
          endpoint.id,
          this.box.seal(endpoint.id, secret),
        ]);
      }
      const found = await this.find(client, endpoint.organisationId, endpoint.id);
      if (!found) throw new Error(`Endpoint ${endpoint.id} belongs to another organisation`);
      return { endpoint: found, secret: inserted.rowCount === 1 ? secret : await this.currentSecret(client, endpoint.id) };
    });
  }

  async list(organisationId: string): Promise<WebhookEndpoint[]> {
    const { rows } = await this.pool.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE organisation_id = $1 AND status <> 'deleted' ORDER BY created_at, id`,
      [organisationId],
    );
    return rows.map(toEndpoint);
  }

  /** `deletedToo`: a deleted endpoint as well, whose owner still reads its delivery log (the waiting deliveries `cancelled`). */
  get(organisationId: string, id: string, { deletedToo = false } = {}): Promise<WebhookEndpoint | null> {
    return this.find(this.pool, organisationId, id, deletedToo);
  }

  /** Deletes the endpoint: nothing more is sent, and what was waiting is cancelled (kept in the log). */
  async remove(organisationId: string, id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const { rowCount } = await client.query(
        `UPDATE webhook_endpoints SET status = 'deleted', updated_at = now() WHERE id = $1 AND organisation_id = $2 AND status <> 'deleted'`,
        [id, organisationId],
      );
      if (rowCount !== 1) return false;
      await client.query(
        `UPDATE webhook_deliveries SET status = 'cancelled', lease_until = NULL WHERE endpoint_id = $1 AND status IN ('pending', 'delivering')`,
        [id],
      );
      return true;
    });
  }

  /**
   * A new secret, shown once. Secrets still valid keep signing until `overlapMs` from now, so the
   * partner's receiver accepts both signatures while it switches (Standard Webhooks sends each
   * signature in `webhook-signature`, space-separated).
   */
  async rotateSecret(
    organisationId: string,
    id: string,
    overlapMs: number,
  ): Promise<{ secret: string; previousValidUntil: string } | null> {
    return this.transaction(async (client) => {
      if (!(await this.find(client, organisationId, id))) return null;
      await client.query('SELECT id FROM webhook_endpoints WHERE id = $1 FOR UPDATE', [id]);
      const until = new Date(Date.now() + overlapMs);
      await client.query('DELETE FROM webhook_secrets WHERE endpoint_id = $1 AND expires_at <= now()', [id]);
      await client.query('UPDATE webhook_secrets SET expires_at = LEAST(coalesce(expires_at, $2), $2) WHERE endpoint_id = $1', [id, until]);
      const secret = generateWebhookSecret();
      await client.query(
        `INSERT INTO webhook_secrets (endpoint_id, version, sealed)
         SELECT $1, coalesce(max(version), 0) + 1, $2 FROM webhook_secrets WHERE endpoint_id = $1`,
        [id, this.box.seal(id, secret)],
      );
      return { secret, previousValidUntil: until.toISOString() };
    });
  }

  /** The secrets that sign right now, newest first: one, or two during a rotation's overlap. */
  async signingSecrets(endpointIds: readonly string[]): Promise<Map<string, string[]>> {
    const { rows } = await this.pool.query<{ endpoint_id: string; sealed: Buffer }>(
      `SELECT endpoint_id, sealed FROM webhook_secrets
       WHERE endpoint_id = ANY($1::uuid[]) AND (expires_at IS NULL OR expires_at > now()) ORDER BY endpoint_id, version DESC`,
      [endpointIds],
    );
    const secrets = new Map<string, string[]>();
    for (const row of rows)
      secrets.set(row.endpoint_id, [...(secrets.get(row.endpoint_id) ?? []), this.box.open(row.endpoint_id, row.sealed)]);
    return secrets;
  }

  private async currentSecret(client: PoolClient, id: string): Promise<string> {
    const {
      rows: [row],
    } = await client.query<{ sealed: Buffer }>('SELECT sealed FROM webhook_secrets WHERE endpoint_id = $1 ORDER BY version DESC LIMIT 1', [
      id,
    ]);
    if (!row) throw new Error(`Endpoint ${id} has no secret`);
    return this.box.open(id, row.sealed);
  }

  private async find(db: Pool | PoolClient, organisationId: string, id: string, deletedToo = false): Promise<WebhookEndpoint | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const {
      rows: [row],
    } = await db.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND organisation_id = $2 AND (status <> 'deleted' OR $3)`,
      [id, organisationId, deletedToo],
    );
    return row ? toEndpoint(row) : null;
  }

  private transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

/** The projection runner's checkpoint API speaks TypeORM's `query` (rows, not a pg result). */
function rowsOf(client: PoolClient): Queryable {
  return { query: async <T>(sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as T };
}
