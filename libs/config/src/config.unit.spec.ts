import { ConfigError } from './config.error';
import { loadConfig, type Env } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 9).toString('base64url');
const external: Env = {
  DATABASE_URL: 'postgres://app:secret@db:5432/passerelle',
  PASSERELLE_MASTER_KEY: KEY,
  PASSERELLE_LINKAGE_KEY: OTHER_KEY,
};

/** The problem lines of the ConfigError that loading `env` throws. */
function problems(env: Env): readonly string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  describe('with nothing set (the embedded default)', () => {
    const config = loadConfig({}, '/srv/app');

    it('runs embedded, on PostgreSQL tables and the in-process bus', () => {
      expect(config).toMatchObject({
        mode: 'embedded',
        databaseUrl: undefined,
        eventStore: { kind: 'postgres' },
        bus: { kind: 'inprocess' },
      });
    });
    it('listens on 127.0.0.1:3000 with a 100kb body limit, logging at info', () => {
      expect(config.http).toEqual({ port: 3000, host: '127.0.0.1', bodyLimit: '100kb', trustProxy: undefined });
      expect(config.logLevel).toBe('info');
    });
    it('keeps its data in ./.passerelle under the working directory', () => {
      expect(config.dataDir).toBe('/srv/app/.passerelle');
    });
    it('retries webhooks at 0s, 5s, 5m, 30m, 2h, 5h, 10h and allows loopback receivers', () => {
      expect(config.webhooks).toEqual({
        retryScheduleMs: [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000],
        allowLoopback: true,
        attemptRetentionMs: 30 * 86_400_000,
      });
    });
    it('leaves the keys to the data directory', () => {
      expect(config).toMatchObject({ masterKey: undefined, linkageKey: undefined, bootstrapAdminKey: undefined });
    });
  });

  describe('people and sign-in', () => {
    it('ends sessions after 15 minutes idle and 12 hours in all, and has no identity provider, unless told otherwise', () => {
      expect(loadConfig({}, '/srv/app')).toMatchObject({
        sessions: { idleMs: 900_000, absoluteMs: 43_200_000 },
        oidc: undefined,
        publicUrl: undefined,
      });
      expect(loadConfig({ PASSERELLE_SESSION_IDLE_TIMEOUT: '5m', PASSERELLE_SESSION_MAX_AGE: '8h' }, '/srv/app').sessions).toEqual({
        idleMs: 300_000,
        absoluteMs: 28_800_000,
      });
    });

    it('takes the identity provider from all three PASSERELLE_OIDC_* variables, and names the missing ones', () => {
      const oidc = {
        PASSERELLE_OIDC_ISSUER: 'https://idp.example.org/realms/x',
        PASSERELLE_OIDC_CLIENT_ID: 'passerelle',
        PASSERELLE_OIDC_CLIENT_SECRET: 's3cret',
      };
      expect(loadConfig(oidc, '/srv/app').oidc).toEqual({
        issuer: 'https://idp.example.org/realms/x',
        clientId: 'passerelle',
        clientSecret: 's3cret',
      });
      expect(problems({ PASSERELLE_OIDC_ISSUER: oidc.PASSERELLE_OIDC_ISSUER })).toEqual([
        expect.stringMatching(/^PASSERELLE_OIDC_CLIENT_ID is required/),
        expect.stringMatching(/^PASSERELLE_OIDC_CLIENT_SECRET is required/),
      ]);
      expect(problems({ ...oidc, PASSERELLE_OIDC_ISSUER: 'http://idp.example.org' })[0]).toMatch(
        /^PASSERELLE_OIDC_ISSUER must be an https:\/\/ issuer URL/,
      );
    });

    it('accepts an https public URL, or http on localhost only, never with a path', () => {
      expect(loadConfig({ PASSERELLE_PUBLIC_URL: 'https://passerelle.example.org/' }, '/srv/app').publicUrl).toBe(
        'https://passerelle.example.org',
      );
      expect(loadConfig({ PASSERELLE_PUBLIC_URL: 'http://localhost:3000' }, '/srv/app').publicUrl).toBe('http://localhost:3000');
      expect(problems({ PASSERELLE_PUBLIC_URL: 'http://passerelle.example.org' })[0]).toMatch(
        /^PASSERELLE_PUBLIC_URL must be an https:\/\/ origin/,
      );
      expect(problems({ PASSERELLE_PUBLIC_URL: 'https://passerelle.example.org/app' })[0]).toMatch(/without a path/);
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }, '/srv/app')).toMatchObject({ mode: 'embedded', http: { port: 3000 } });
  });

  describe('with DATABASE_URL', () => {
    it('runs external with the given keys and refuses loopback webhooks by default', () => {
      const config = loadConfig(external, '/srv/app');
      expect(config).toMatchObject({ mode: 'external', databaseUrl: external.DATABASE_URL, masterKey: KEY, linkageKey: OTHER_KEY });
      expect(config.webhooks.allowLoopback).toBe(false);
    });
    it('requires both keys', () => {
      expect(problems({ DATABASE_URL: external.DATABASE_URL })).toEqual([
        expect.stringMatching(/^PASSERELLE_MASTER_KEY is required when DATABASE_URL is set/),
        expect.stringMatching(/^PASSERELLE_LINKAGE_KEY is required when DATABASE_URL is set/),
      ]);
    });
    it.each(['mysql://db/passerelle', 'not a url', 'postgres:///passerelle'])('rejects %s', (url) => {
      expect(problems({ ...external, DATABASE_URL: url })).toEqual([expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ URL/)]);
    });
    it('accepts postgresql:// too', () => {
      expect(loadConfig({ ...external, DATABASE_URL: 'postgresql://db/passerelle' }).mode).toBe('external');
    });
  });

  it('names an unknown event store with the accepted ones', () => {
    expect(problems({ EVENT_STORE: 'mongo' })).toEqual(['EVENT_STORE must be one of postgres, eventstoredb (got "mongo")']);
  });

  describe('EVENT_STORE=eventstoredb', () => {
    it('needs EVENTSTORE_CONNECTION_STRING', () => {
      expect(problems({ EVENT_STORE: 'eventstoredb' })).toEqual([
        expect.stringMatching(/^EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb/),
      ]);
    });
    it('needs an esdb:// or kurrentdb:// connection string, without echoing its credentials', () => {
      const [problem] = problems({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'https://admin:changeit@esdb:2113' });
      expect(problem).toMatch(/^EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/ or kurrentdb:\/\//);
      expect(problem).not.toContain('changeit');
    });
    it.each(['esdb://localhost:2113?tls=false', 'kurrentdb+discover://cluster:2113'])('accepts %s', (connectionString) => {
      expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }).eventStore).toEqual({
        kind: 'eventstoredb',
        connectionString,
      });
    });
  });

  describe('BUS=kafka', () => {
    it('parses the broker list', () => {
      expect(loadConfig({ BUS: 'kafka', KAFKA_BROKERS: 'kafka-1:9092, [::1]:9093' }).bus).toEqual({
        kind: 'kafka',
        brokers: ['kafka-1:9092', '[::1]:9093'],
      });
    });
    it('needs KAFKA_BROKERS', () => {
      expect(problems({ BUS: 'kafka' })).toEqual([expect.stringMatching(/^KAFKA_BROKERS is required when BUS=kafka/)]);
    });
    it.each(['kafka-1', 'kafka-1:9092,', 'kafka:99999'])('rejects %s', (list) => {
      expect(problems({ BUS: 'kafka', KAFKA_BROKERS: list })).toEqual([
        expect.stringMatching(/^KAFKA_BROKERS must be a comma-separated list of host:port/),
      ]);
    });
    it('rejects an unknown bus', () => {
      expect(problems({ BUS: 'rabbitmq' })).toEqual(['BUS must be one of inprocess, kafka (got "rabbitmq")']);
    });
  });

  describe('keys', () => {
    it('accepts a master key with a key id, and base64url', () => {
      expect(loadConfig({ ...external, PASSERELLE_MASTER_KEY: `2026-a:${OTHER_KEY}` }).masterKey).toBe(`2026-a:${OTHER_KEY}`);
    });
    it.each([
      ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
      ['a bad key id', `bad id:${KEY}`],
      ['junk', `${KEY.slice(0, 40)}!!!=`],
    ])('rejects a master key of %s without echoing it', (_, value) => {
      const [problem] = problems({ ...external, PASSERELLE_MASTER_KEY: value });
      expect(problem).toMatch(/^PASSERELLE_MASTER_KEY must be 32 random bytes in base64/);
      expect(problem).not.toContain(value);
    });
    it('refuses a key id on the linkage key', () => {
      expect(problems({ ...external, PASSERELLE_LINKAGE_KEY: `k1:${KEY}` })).toEqual([
        expect.stringMatching(/^PASSERELLE_LINKAGE_KEY must be 32 random bytes/),
      ]);
    });
    it('validates keys given in embedded mode too', () => {
      expect(problems({ PASSERELLE_LINKAGE_KEY: 'short' })).toEqual([
        expect.stringMatching(/^PASSERELLE_LINKAGE_KEY must be 32 random bytes/),
      ]);
    });
    it.each(['admin_0123456789012345678901234567890', 'psk_tooshort'])('rejects the bootstrap admin key %s', (value) => {
      expect(problems({ PASSERELLE_BOOTSTRAP_ADMIN_KEY: value })).toEqual([
        expect.stringMatching(/^PASSERELLE_BOOTSTRAP_ADMIN_KEY must start with psk_ and be at least 32 characters/),
      ]);
    });
  });

  describe('HTTP', () => {
    it.each(['0', '65536', 'http', '80.5'])('rejects PORT=%s', (port) => {
      expect(problems({ PORT: port })).toEqual([`PORT must be a port number from 1 to 65535 (got "${port}")`]);
    });
    it('takes PORT, HOST and the body limit', () => {
      expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', PASSERELLE_BODY_LIMIT: '1MB' }).http).toEqual({
        port: 8080,
        host: '0.0.0.0',
        bodyLimit: '1mb',
        trustProxy: undefined,
      });
    });
    it('rejects a body limit without a unit', () => {
      expect(problems({ PASSERELLE_BODY_LIMIT: 'lots' })).toEqual([
        'PASSERELLE_BODY_LIMIT must be a size such as 100kb or 1mb (got "lots")',
      ]);
    });
  });

  describe('rate limits', () => {
    it('default to 600 requests a minute per API key and 1200 per client address', () => {
      expect(loadConfig({}).rateLimits).toEqual({
        perKey: { limit: 600, windowMs: 60_000 },
        perAddress: { limit: 1200, windowMs: 60_000 },
      });
    });
    it('take requests per window, or off', () => {
      expect(loadConfig({ PASSERELLE_RATE_LIMIT_PER_KEY: '20/1s', PASSERELLE_RATE_LIMIT_PER_ADDRESS: 'off' }).rateLimits).toEqual({
        perKey: { limit: 20, windowMs: 1_000 },
        perAddress: null,
      });
    });
    it.each(['600', '0/1m', '10/500ms', 'lots/1m', '10/1x'])('reject %s', (value) => {
      expect(problems({ PASSERELLE_RATE_LIMIT_PER_KEY: value })).toEqual([
        expect.stringMatching(/^PASSERELLE_RATE_LIMIT_PER_KEY must be requests per window such as 600\/1m/),
      ]);
    });
    it('believe X-Forwarded-For only from the proxies named in PASSERELLE_TRUST_PROXY', () => {
      expect(loadConfig({ PASSERELLE_TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
      expect(loadConfig({ PASSERELLE_TRUST_PROXY: '10.0.0.0/8, loopback' }).http.trustProxy).toBe('10.0.0.0/8,loopback');
      expect(problems({ PASSERELLE_TRUST_PROXY: 'everyone' })).toEqual([expect.stringMatching(/^PASSERELLE_TRUST_PROXY must be a number/)]);
    });
  });

  describe('idempotency', () => {
    it('remembers an Idempotency-Key for PASSERELLE_IDEMPOTENCY_TTL, the store’s 24 h when unset', () => {
      expect(loadConfig({}).idempotencyTtlMs).toBeUndefined();
      expect(loadConfig({ PASSERELLE_IDEMPOTENCY_TTL: '90m' }).idempotencyTtlMs).toBe(5_400_000);
    });
    it.each(['0h', 'a day', '24'])('rejects PASSERELLE_IDEMPOTENCY_TTL=%s', (value) => {
      expect(problems({ PASSERELLE_IDEMPOTENCY_TTL: value })).toEqual([
        expect.stringMatching(/^PASSERELLE_IDEMPOTENCY_TTL must be a duration above zero such as 24h/),
      ]);
    });
  });

  describe('webhooks', () => {
    it('parses a retry schedule into milliseconds', () => {
      expect(loadConfig({ PASSERELLE_WEBHOOK_RETRY_SCHEDULE: '0s, 250ms,1m,1h,1d' }).webhooks.retryScheduleMs).toEqual([
        0, 250, 60_000, 3_600_000, 86_400_000,
      ]);
    });
    it('names the durations it cannot read', () => {
      expect(problems({ PASSERELLE_WEBHOOK_RETRY_SCHEDULE: '0s,5x,,2h' })).toEqual([
        expect.stringMatching(/^PASSERELLE_WEBHOOK_RETRY_SCHEDULE must be comma-separated durations .*"5x", ""/),
      ]);
    });
    it('lets loopback receivers be turned off in embedded mode and on in production', () => {
      expect(loadConfig({ PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK: 'false' }).webhooks.allowLoopback).toBe(false);
      expect(loadConfig({ ...external, PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK: 'true' }).webhooks.allowLoopback).toBe(true);
    });
    it('keeps each delivery attempt for the given duration, 30 days unless told', () => {
      expect(loadConfig({ PASSERELLE_WEBHOOK_ATTEMPT_RETENTION: '7d' }).webhooks.attemptRetentionMs).toBe(7 * 86_400_000);
      expect(problems({ PASSERELLE_WEBHOOK_ATTEMPT_RETENTION: '0d' })).toEqual([
        'PASSERELLE_WEBHOOK_ATTEMPT_RETENTION must be a duration above zero such as 24h, 90m or 3600s (units ms, s, m, h, d) (got "0d")',
      ]);
    });
    it('rejects anything but true or false', () => {
      expect(problems({ PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK: 'yes' })).toEqual([
        'PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK must be true or false (got "yes")',
      ]);
    });
  });

  describe('place requests', () => {
    it('expires them every 10 s by default, at the interval given, or never when off', () => {
      expect(loadConfig({}).placeRequests).toEqual({ expiryIntervalMs: 10_000 });
      expect(loadConfig({ PASSERELLE_PLACE_REQUEST_EXPIRY_INTERVAL: '1m' }).placeRequests).toEqual({ expiryIntervalMs: 60_000 });
      expect(loadConfig({ PASSERELLE_PLACE_REQUEST_EXPIRY_INTERVAL: 'off' }).placeRequests).toEqual({ expiryIntervalMs: null });
    });
    it('rejects an interval of zero or without a unit', () => {
      for (const raw of ['0s', '30']) {
        expect(problems({ PASSERELLE_PLACE_REQUEST_EXPIRY_INTERVAL: raw })).toEqual([
          expect.stringMatching(/^PASSERELLE_PLACE_REQUEST_EXPIRY_INTERVAL must be a duration such as 10s/),
        ]);
      }
    });
  });

  it('rejects an unknown log level', () => {
    expect(problems({ LOG_LEVEL: 'verbose' })).toEqual(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace (got "verbose")']);
  });

  it('resolves PASSERELLE_DATA_DIR against the working directory', () => {
    expect(loadConfig({ PASSERELLE_DATA_DIR: 'var/data' }, '/srv/app').dataDir).toBe('/srv/app/var/data');
    expect(loadConfig({ PASSERELLE_DATA_DIR: '/var/lib/passerelle' }, '/srv/app').dataDir).toBe('/var/lib/passerelle');
  });

  it('reads the embedded server port', () => {
    expect(loadConfig({ PASSERELLE_EMBEDDED_PG_PORT: '6543' })).toMatchObject({ mode: 'embedded', embeddedPostgresPort: 6543 });
    expect(problems({ PASSERELLE_EMBEDDED_PG_PORT: '5432x' })).toEqual([
      'PASSERELLE_EMBEDDED_PG_PORT must be a port number from 1 to 65535 (got "5432x")',
    ]);
  });

  it('lists every wrong variable on its own line, in one error', () => {
    expect(() => loadConfig({ EVENT_STORE: 'mongo', PORT: '0', LOG_LEVEL: 'loud' })).toThrow(
      [
        'Invalid configuration (3 problems):',
        '  EVENT_STORE must be one of postgres, eventstoredb (got "mongo")',
        '  PORT must be a port number from 1 to 65535 (got "0")',
        '  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace (got "loud")',
      ].join('\n'),
    );
  });
});
