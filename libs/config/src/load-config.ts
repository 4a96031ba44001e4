import { resolve } from 'node:path';
import { ConfigError } from './config.error';
import * as rule from './config-rules';
import type { Checked } from './config-rules';
import { DEFAULT_RATE_LIMITS, LOG_LEVELS, type BusConfig, type EventStoreConfig, type PasserelleConfig } from './passerelle.config';

export type Env = Record<string, string | undefined>;

export const DEFAULT_DATA_DIR = './.passerelle';
/** How long each webhook delivery attempt is kept for its history (docs/webhooks.md#delivery-log): 30 days. */
export const DEFAULT_ATTEMPT_RETENTION_MS = 30 * 86_400_000;
/** 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h: then dead-lettered. */
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];
/** How often the projector looks for place requests whose respondBy has passed. */
export const DEFAULT_PLACE_REQUEST_EXPIRY_INTERVAL_MS = 10_000;

/**
 * Reads and validates every variable, collecting all problems before throwing one ConfigError.
 * An empty variable counts as unset: `DATABASE_URL=` in an env file means "not given".
 * `cwd` anchors a relative PASSERELLE_DATA_DIR.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): PasserelleConfig {
  const problems: string[] = [];
  const read = <T>(name: string, check: (raw: string) => Checked<T>): T | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const result = check(raw);
    if (result.ok) return result.value;
    problems.push(`${name} ${result.expected}`);
    return undefined;
  };
  /** Like read, for a variable whose parsed value may itself be null (`off`). */
  const readOr = <T>(name: string, check: (raw: string) => Checked<T>, fallback: T): T => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const result = check(raw);
    if (result.ok) return result.value;
    problems.push(`${name} ${result.expected}`);
    return fallback;
  };
  const required = <T>(name: string, value: T | undefined, why: string): T | undefined => {
    if (value === undefined && !env[name]?.trim()) problems.push(`${name} is required ${why}`);
    return value;
  };

  const databaseUrl = read('DATABASE_URL', rule.postgresUrl);
  const embedded = !env.DATABASE_URL?.trim();
  const eventStore = readEventStore(read, required);
  const bus = readBus(read, required);
  const keyWhy =
    'when DATABASE_URL is set (32 random bytes in base64, e.g. openssl rand -base64 32); without DATABASE_URL they are generated under the data directory';
  const masterKey = read('PASSERELLE_MASTER_KEY', rule.masterKey);
  const linkageKey = read('PASSERELLE_LINKAGE_KEY', rule.key32);
  if (!embedded) {
    required('PASSERELLE_MASTER_KEY', masterKey, keyWhy);
    required('PASSERELLE_LINKAGE_KEY', linkageKey, keyWhy);
  }
  const common = {
    dataDir: resolve(cwd, env.PASSERELLE_DATA_DIR?.trim() || DEFAULT_DATA_DIR),
    eventStore,
    bus,
    http: {
      port: read('PORT', rule.port) ?? 3000,
      host: read('HOST', rule.host) ?? '127.0.0.1',
      bodyLimit: read('PASSERELLE_BODY_LIMIT', rule.byteSize) ?? '100kb',
      trustProxy: read('PASSERELLE_TRUST_PROXY', rule.trustProxy),
    },
    rateLimits: {
      perKey: readOr('PASSERELLE_RATE_LIMIT_PER_KEY', rule.rateLimit, DEFAULT_RATE_LIMITS.perKey),
      perAddress: readOr('PASSERELLE_RATE_LIMIT_PER_ADDRESS', rule.rateLimit, DEFAULT_RATE_LIMITS.perAddress),
    },
    webhooks: {
      retryScheduleMs: read('PASSERELLE_WEBHOOK_RETRY_SCHEDULE', rule.durations) ?? DEFAULT_RETRY_SCHEDULE_MS,
      // The embedded default is a demo or a test bench whose receivers run on this machine.
      allowLoopback: read('PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK', rule.boolean) ?? embedded,
      attemptRetentionMs: read('PASSERELLE_WEBHOOK_ATTEMPT_RETENTION', rule.duration) ?? DEFAULT_ATTEMPT_RETENTION_MS,
    },
    placeRequests: {
      expiryIntervalMs: valueOr(
        read('PASSERELLE_PLACE_REQUEST_EXPIRY_INTERVAL', rule.intervalOrOff),
        DEFAULT_PLACE_REQUEST_EXPIRY_INTERVAL_MS,
      ),
    },
    // Unset: the store's default, 24 h (libs/http/src/idempotency/idempotency.store.ts).
    idempotencyTtlMs: read('PASSERELLE_IDEMPOTENCY_TTL', rule.duration),
    logLevel: read('LOG_LEVEL', rule.oneOf(LOG_LEVELS)) ?? 'info',
    bootstrapAdminKey: read('PASSERELLE_BOOTSTRAP_ADMIN_KEY', rule.adminKey),
    publicUrl: read('PASSERELLE_PUBLIC_URL', rule.publicUrl),
    sessions: {
      idleMs: read('PASSERELLE_SESSION_IDLE_TIMEOUT', rule.duration) ?? 15 * 60_000,
      absoluteMs: read('PASSERELLE_SESSION_MAX_AGE', rule.duration) ?? 12 * 3600_000,
    },
    oidc: readOidc(read, required, env),
  };
  const embeddedPostgresPort = read('PASSERELLE_EMBEDDED_PG_PORT', rule.port);

  if (problems.length > 0) throw new ConfigError(problems);
  if (embedded) return { ...common, mode: 'embedded', databaseUrl: undefined, masterKey, linkageKey, embeddedPostgresPort };
  // No problems means the URL and both keys were read (checked above): this only narrows their types.
  if (databaseUrl === undefined || masterKey === undefined || linkageKey === undefined) throw new ConfigError(problems);
  return { ...common, mode: 'external', databaseUrl, masterKey, linkageKey };
}

/** `null` is a value here (`off`); only an unset variable takes the default. */
const valueOr = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

type Read = <T>(name: string, check: (raw: string) => Checked<T>) => T | undefined;
type Required = <T>(name: string, value: T | undefined, why: string) => T | undefined;

function readEventStore(read: Read, required: Required): EventStoreConfig {
  const kind = read('EVENT_STORE', rule.oneOf(['postgres', 'eventstoredb'] as const)) ?? 'postgres';
  if (kind === 'postgres') return { kind };
  const connectionString = required(
    'EVENTSTORE_CONNECTION_STRING',
    read('EVENTSTORE_CONNECTION_STRING', rule.eventStoreConnectionString),
    'when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)',
  );
  return { kind, connectionString: connectionString ?? '' };
}

function readBus(read: Read, required: Required): BusConfig {
  const kind = read('BUS', rule.oneOf(['inprocess', 'kafka'] as const)) ?? 'inprocess';
  if (kind === 'inprocess') return { kind };
  const brokers = required(
    'KAFKA_BROKERS',
    read('KAFKA_BROKERS', rule.brokers),
    'when BUS=kafka (comma-separated host:port, e.g. kafka-1:9092,kafka-2:9092)',
  );
  return { kind, brokers: brokers ?? [] };
}

/** All three PASSERELLE_OIDC_* or none: half a configuration would show a sign-in button that cannot work. */
function readOidc(read: Read, required: Required, env: Env): PasserelleConfig['oidc'] {
  const names = ['PASSERELLE_OIDC_ISSUER', 'PASSERELLE_OIDC_CLIENT_ID', 'PASSERELLE_OIDC_CLIENT_SECRET'] as const;
  if (names.every((name) => !env[name]?.trim())) return undefined;
  const why = 'when any PASSERELLE_OIDC_* variable is set (the issuer, and the client registered with it)';
  const issuer = required(names[0], read(names[0], rule.issuerUrl), why);
  const clientId = required(names[1], read(names[1], rule.text), why);
  const clientSecret = required(names[2], read(names[2], rule.text), why);
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
}
