import type { EventStoreConfig, PasserelleConfig, RateLimits } from './passerelle.config';

/** What the apps need once configuration is validated and the database (embedded or not) is up. */
export interface RuntimeSettings {
  /** EVENT_STORE (and EVENTSTORE_CONNECTION_STRING); PostgreSQL tables in databaseUrl when absent. */
  eventStore?: EventStoreConfig;
  databaseUrl: string;
  /** PASSERELLE_MASTER_KEY as given (`[keyId:]base64`), parsed by libs/privacy. */
  masterKey: string;
  /** PASSERELLE_LINKAGE_KEY as given (base64 of 32 bytes). */
  linkageKey: string;
  bootstrapAdminKey: string | null;
  /** PASSERELLE_PUBLIC_URL: where people reach the console (invitation links, the OpenID Connect redirect); http://localhost:PORT when absent. */
  publicUrl?: string;
  bodyLimit: string;
  /** PASSERELLE_SESSION_IDLE_TIMEOUT and PASSERELLE_SESSION_MAX_AGE; 15 minutes and 12 hours when absent. */
  sessions?: { idleMs: number; absoluteMs: number };
  /** PASSERELLE_OIDC_*: sign-in through the organisation's identity provider; local accounts only when absent. */
  oidc?: { issuer: string; clientId: string; clientSecret: string };
  /** PASSERELLE_TRUST_PROXY (passerelle.config.ts); the socket's peer is the client when absent. */
  trustProxy?: number | string | undefined;
  /** Per API key and per client address (libs/http/src/rate-limit); DEFAULT_RATE_LIMITS when absent. */
  rateLimits?: RateLimits;
  logLevel: string;
  /** PASSERELLE_IDEMPOTENCY_TTL in ms; 24 h when absent. */
  idempotencyTtlMs?: number;
  /** How long `minPosition` reads wait for the projection to catch up. */
  readYourWritesTimeoutMs: number;
  /** BUS and KAFKA_BROKERS; the in-process bus when absent. */
  bus?: { kind: 'inprocess' } | { kind: 'kafka'; brokers: string[] };
  /**
   * Place requests (docs/adr/0012-place-requests.md): how often the projector expires those whose
   * respondBy passed; null turns the sweep off (a seeded history's past deadlines are then expired
   * by an explicit sweep at a chosen instant). Every 10 s when absent.
   */
  placeRequests?: { expiryIntervalMs: number | null };
  /** Webhook delivery (docs/webhooks.md); production defaults when absent (no loopback, the default schedule). */
  webhooks?: {
    /** PASSERELLE_WEBHOOK_RETRY_SCHEDULE: delay before each attempt, in ms; dead-lettered after the last. */
    retryScheduleMs: number[];
    /** PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK: endpoints on 127.0.0.1/::1 (http allowed there). */
    allowLoopback: boolean;
    /** PASSERELLE_WEBHOOK_ATTEMPT_RETENTION: how long each attempt stays in a delivery's history; 30 days when absent. */
    attemptRetentionMs?: number;
    /** Per-attempt timeout; 15 s when absent. */
    timeoutMs?: number;
  };
}

/** The database and keys a process runs with: the environment's, or the embedded default's (libs/config/src/embedded-secrets.ts). */
export interface ResolvedConnection {
  databaseUrl: string;
  masterKey: string;
  linkageKey: string;
  bootstrapAdminKey: string | null;
}

/** The one mapping from the validated environment to what the apps run with (standalone and split services alike). */
export function runtimeSettings(config: PasserelleConfig, connection: ResolvedConnection): RuntimeSettings {
  return {
    ...connection,
    publicUrl: config.publicUrl ?? `http://localhost:${config.http.port}`,
    sessions: config.sessions,
    ...(config.oidc ? { oidc: config.oidc } : {}),
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    rateLimits: config.rateLimits,
    idempotencyTtlMs: config.idempotencyTtlMs,
    logLevel: config.logLevel,
    readYourWritesTimeoutMs: 5000,
    eventStore: config.eventStore,
    bus: config.bus,
    webhooks: config.webhooks,
    placeRequests: config.placeRequests,
  };
}
