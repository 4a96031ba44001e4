import type { MigrationSet } from '@passerelle/migrations';

/** Channel the outbox notifies when it queued deliveries, so the dispatcher does not wait for its poll. */
export const OUTBOX_CHANNEL = 'passerelle_webhook_outbox';

/**
 * The webhook tables (docs/adr/0006-one-schema-mechanism.md). Endpoints and secrets are
 * configuration, not facts of the referral network, so they live beside the API keys and never in
 * an event. `webhook_deliveries` is the durable outbox and the delivery log at once: one row per
 * (endpoint, event), primary key on both, so a redelivered or replayed event never queues twice.
 * 0001 is idempotent so that a database made before migrations were recorded upgrades cleanly.
 */
export const WEBHOOK_MIGRATIONS: MigrationSet = {
  module: 'webhooks',
  migrations: [
    {
      id: '0001',
      name: 'create-webhook-endpoints-secrets-deliveries',
      up: () => `
      CREATE TABLE IF NOT EXISTS webhook_endpoints (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        status text NOT NULL DEFAULT 'active',
        disabled_reason text,
        after_position bigint NOT NULL,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS webhook_endpoints_by_organisation ON webhook_endpoints (organisation_id, created_at);
      CREATE TABLE IF NOT EXISTS webhook_secrets (
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        version int NOT NULL,
        sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        PRIMARY KEY (endpoint_id, version)
      );
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        global_position bigint NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_attempt_at timestamptz,
        last_response_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (endpoint_id, event_id)
      );
      CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (endpoint_id, next_attempt_at, global_position) WHERE status = 'pending';
      CREATE INDEX IF NOT EXISTS webhook_deliveries_leased ON webhook_deliveries (lease_until) WHERE status = 'delivering';
      CREATE INDEX IF NOT EXISTS webhook_deliveries_log ON webhook_deliveries (endpoint_id, global_position DESC);
    `,
    },
    {
      id: '0002',
      name: 'create-webhook-delivery-attempts',
      // One row per attempt: when, the status code or why no answer came, how long it took; never
      // the response body. Purged after PASSERELLE_WEBHOOK_ATTEMPT_RETENTION (attempted_at index).
      up: () => `
      CREATE TABLE IF NOT EXISTS webhook_delivery_attempts (
        id bigserial PRIMARY KEY,
        endpoint_id uuid NOT NULL,
        event_id text NOT NULL,
        attempted_at timestamptz NOT NULL,
        response_status int,
        error text,
        duration_ms int NOT NULL CHECK (duration_ms >= 0),
        FOREIGN KEY (endpoint_id, event_id) REFERENCES webhook_deliveries (endpoint_id, event_id) ON DELETE CASCADE
      );
      CREATE INDEX IF NOT EXISTS webhook_delivery_attempts_by_delivery ON webhook_delivery_attempts (endpoint_id, event_id, attempted_at);
      CREATE INDEX IF NOT EXISTS webhook_delivery_attempts_by_age ON webhook_delivery_attempts (attempted_at);
    `,
    },
    {
      id: '0003',
      name: 'create-webhook-actions',
      // Who registered, deleted, re-keyed or replayed an endpoint: a person or a machine key, never
      // rewritten (the trigger refuses UPDATE and DELETE), kept after the endpoint is deleted.
      up: () => [
        `CREATE TABLE IF NOT EXISTS webhook_actions (
           id              bigserial PRIMARY KEY,
           endpoint_id     uuid NOT NULL,
           organisation_id text NOT NULL,
           action          text NOT NULL CHECK (action IN ('registered', 'deleted', 'secret_rotated', 'replayed')),
           actor           text NULL,
           detail          jsonb NOT NULL DEFAULT '{}',
           at              timestamptz NOT NULL DEFAULT now()
         )`,
        'CREATE INDEX IF NOT EXISTS webhook_actions_endpoint_idx ON webhook_actions (endpoint_id, id DESC)',
        'CREATE INDEX IF NOT EXISTS webhook_actions_actor_idx ON webhook_actions (actor, id DESC)',
        `CREATE OR REPLACE FUNCTION webhook_actions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'webhook_actions is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
         END $$`,
        `CREATE OR REPLACE TRIGGER webhook_actions_no_change BEFORE UPDATE OR DELETE ON webhook_actions
         FOR EACH ROW EXECUTE FUNCTION webhook_actions_refuse_change()`,
      ],
    },
  ],
};
