import type { RateLimit } from './config-rules';

export interface RateLimits {
  perKey: RateLimit | null;
  perAddress: RateLimit | null;
}

/**
 * Sized for a real partner: its case system polling the inbox and sending commands, or a dozen
 * caseworkers on the console behind one address. A benchmark or a bulk import sets its own.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perKey: { limit: 600, windowMs: 60_000 },
  perAddress: { limit: 1200, windowMs: 60_000 },
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type EventStoreConfig = { kind: 'postgres' } | { kind: 'eventstoredb'; connectionString: string };
export type BusConfig = { kind: 'inprocess' } | { kind: 'kafka'; brokers: string[] };

interface CommonConfig {
  /** Absolute; `./.passerelle` under the working directory unless PASSERELLE_DATA_DIR says otherwise. */
  dataDir: string;
  eventStore: EventStoreConfig;
  bus: BusConfig;
  http: {
    port: number;
    host: string;
    bodyLimit: string;
    /** PASSERELLE_TRUST_PROXY, for Express's `trust proxy`; undefined: the socket's peer is the client. */
    trustProxy: number | string | undefined;
  };
  /** PASSERELLE_RATE_LIMIT_PER_KEY / _PER_ADDRESS; null: no limit. */
  rateLimits: RateLimits;
  webhooks: {
    /** Delay before each attempt, in ms: the first is usually 0; after the last, dead-letter. */
    retryScheduleMs: number[];
    /** Lets endpoints point at 127.0.0.1/::1, which in production would reach our own services. */
    allowLoopback: boolean;
    /** How long each delivery attempt stays in its history before it is purged. */
    attemptRetentionMs: number;
  };
  /** PASSERELLE_PLACE_REQUEST_EXPIRY_INTERVAL: the expiry sweep's interval in ms, null when `off`. */
  placeRequests: { expiryIntervalMs: number | null };
  /** PASSERELLE_IDEMPOTENCY_TTL: how long an Idempotency-Key's record is kept, in ms; unset, 24 h. */
  idempotencyTtlMs: number | undefined;
  logLevel: LogLevel;
  /** `psk_…`: the bootstrap network_admin key; starting with another value revokes the previous one. */
  bootstrapAdminKey: string | undefined;
  /** PASSERELLE_PUBLIC_URL: the origin people reach (invitation links, the OpenID Connect redirect URI). */
  publicUrl: string | undefined;
  sessions: { idleMs: number; absoluteMs: number };
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
}

/**
 * The validated environment. `external` uses the PostgreSQL in DATABASE_URL and must be given
 * its keys; `embedded` (no DATABASE_URL) starts its own server and, for keys not in the
 * environment, uses the ones ensureEmbeddedSecrets keeps under the data directory.
 *
 * Warning: holds secrets as strings; log the config only through a redacting logger.
 */
export type PasserelleConfig = CommonConfig &
  (
    | { mode: 'external'; databaseUrl: string; masterKey: string; linkageKey: string }
    | {
        mode: 'embedded';
        databaseUrl: undefined;
        masterKey: string | undefined;
        linkageKey: string | undefined;
        /** PASSERELLE_EMBEDDED_PG_PORT, if set. */
        embeddedPostgresPort: number | undefined;
      }
  );
