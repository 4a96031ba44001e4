import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { freePort } from '@passerelle/embedded-postgres';
import { runUntilExit, spawnService } from '../../../libs/runtime/src/testing/spawn-service';

/**
 * `node dist/apps/api/src/main.js` as an operator runs it: a wrong environment is refused with one
 * line per problem on stderr and exit code 1, never a stack; a right one serves the API alone and
 * stops cleanly on SIGTERM.
 */
const key = () => randomBytes(32).toString('base64');
const STACK_LINE = /^\s+at /m;

describe('the api service, started alone', () => {
  let database: TestDatabase;
  let valid: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase('api_main');
    valid = { DATABASE_URL: database.url, PASSERELLE_MASTER_KEY: key(), PASSERELLE_LINKAGE_KEY: key() };
  });
  afterAll(() => database.drop());

  const refused = async (env: Record<string, string>) => {
    const run = await runUntilExit('api', env);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_LINE);
    return run.stderr.trimEnd().split('\n');
  };

  it('refuses EVENT_STORE=eventstoredb without a connection string, in one line', async () => {
    expect(await refused({ ...valid, EVENT_STORE: 'eventstoredb' })).toEqual([
      'passerelle api: EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)',
    ]);
  });

  it('refuses BUS=kafka without brokers, in one line', async () => {
    expect(await refused({ ...valid, BUS: 'kafka' })).toEqual([
      'passerelle api: KAFKA_BROKERS is required when BUS=kafka (comma-separated host:port, e.g. kafka-1:9092,kafka-2:9092)',
    ]);
  });

  it('refuses a malformed master key without printing it', async () => {
    const malformed = `${key().slice(0, 30)}!!`;
    const lines = await refused({ ...valid, PASSERELLE_MASTER_KEY: malformed });
    expect(lines).toEqual([expect.stringMatching(/^passerelle api: PASSERELLE_MASTER_KEY must be 32 random bytes in base64/)]);
    expect(lines.join('\n')).not.toContain(malformed);
  });

  it('names every wrong variable, one line each', async () => {
    expect(await refused({ ...valid, PORT: '0', LOG_LEVEL: 'loud', EVENT_STORE: 'mongo' })).toEqual([
      'passerelle api: EVENT_STORE must be one of postgres, eventstoredb (got "mongo")',
      'passerelle api: PORT must be a port number from 1 to 65535 (got "0")',
      'passerelle api: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace (got "loud")',
    ]);
  });

  it('refuses to start without DATABASE_URL instead of starting an embedded server of its own', async () => {
    expect(await refused({})).toEqual([
      expect.stringMatching(/^passerelle api: DATABASE_URL is required: the api service shares one PostgreSQL/),
    ]);
  });

  it('says in one line that the database does not answer, hiding its password', async () => {
    const lines = await refused({ ...valid, DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${await freePort()}/passerelle` });
    expect(lines).toEqual([
      expect.stringMatching(
        /^passerelle api: DATABASE_URL \(postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/passerelle\) does not answer: .*ECONNREFUSED/,
      ),
    ]);
  });

  it('refuses an EventStoreDB connection string the client cannot parse, without echoing it', async () => {
    const lines = await refused({
      ...valid,
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:s3cret@esdb:2113?tls=maybe',
    });
    expect(lines).toEqual([
      expect.stringMatching(/^passerelle api: EVENTSTORE_CONNECTION_STRING cannot be parsed: expected true or false/),
    ]);
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('serves the API, /health and /metrics alone, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const adminKey = `psk_${randomBytes(32).toString('base64url')}`;
    const api = spawnService('api', { ...valid, PORT: String(port), PASSERELLE_BOOTSTRAP_ADMIN_KEY: adminKey });
    try {
      await api.waitFor(/api is running on http:\/\/127\.0\.0\.1:\d+/);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const directory = await fetch(`${base}/v1/organisations`, {
        headers: { authorization: `Bearer ${adminKey}`, 'x-correlation-id': '0b7e3c4a-1f2d-4e5a-9b6c-7d8e9f0a1b2c' },
      });
      expect(directory.status).toBe(200);
      expect(directory.headers.get('x-correlation-id')).toBe('0b7e3c4a-1f2d-4e5a-9b6c-7d8e9f0a1b2c');
      expect(await (await fetch(`${base}/metrics`)).text()).toMatch(
        /passerelle_http_request_duration_seconds_count\{method="GET",route="\/v1\/organisations",status="200"\} 1/,
      );
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toEqual({ code: 0, signal: null });
    const { stdout, stderr } = api.output();
    expect(stderr).toBe('');
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ service: 'api', correlationId: '0b7e3c4a-1f2d-4e5a-9b6c-7d8e9f0a1b2c', res: { statusCode: 200 } }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ context: 'Shutdown', message: expect.stringMatching(/^SIGTERM: taking no new requests/) }),
    );
    // The key went out in a header and must not come back in a log line.
    expect(stdout).not.toContain(adminKey);
  });
});
