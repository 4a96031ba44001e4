import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// Relative imports: jest loads global setup outside its module mapper, so @passerelle/* is unknown here.
import { startEmbeddedPostgres } from '../libs/embedded-postgres/src/embedded-postgres';
import { freePort } from '../libs/embedded-postgres/src/embedded-port';
import { stopOnSignals } from '../libs/embedded-postgres/src/stop-on-signals';

/** Shared by setup and teardown (and by both projects that list them) through globalThis. */
export interface TestDatabaseState {
  users: number;
  /** Stops the embedded server and deletes its data; absent when DATABASE_URL was given. */
  dispose?: () => Promise<void>;
  unregisterSignals?: () => void;
}
const STATE = Symbol.for('passerelle.test-database');

export function testDatabaseState(): TestDatabaseState {
  const holder = globalThis as typeof globalThis & { [STATE]?: TestDatabaseState };
  return (holder[STATE] ??= { users: 0 });
}

/**
 * Gives the int and e2e tests a PostgreSQL: the one in DATABASE_URL if set (checked first), else
 * an embedded server started here whose URL the workers inherit through DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const state = testDatabaseState();
  state.users += 1;
  if (state.users > 1) return; // the second project of the same run reuses the first one's server
  announceSkippedSuites();
  const given = process.env.DATABASE_URL;
  if (given) {
    await assertAnswers(given);
    console.log(`\nTests use the PostgreSQL in DATABASE_URL (${redact(given)})`);
    return;
  }
  const dataDir = join(tmpdir(), `passerelle-test-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true }); // a crashed run that had our PID
  // Throw-away data: no fsync, which spares the shared disk and speeds every suite up. Not
  // detached: a Ctrl-C on jest reaches the server as well.
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), durable: false, detached: false });
  let disposing: Promise<void> | undefined;
  state.dispose = () => (disposing ??= server.stop().then(() => rm(dataDir, { recursive: true, force: true })));
  // Ctrl-C during a run must not leave a server and its data behind.
  state.unregisterSignals = stopOnSignals({ stop: state.dispose });
  process.env.DATABASE_URL = server.url;
  console.log(`\nTests use an embedded PostgreSQL on 127.0.0.1:${server.port} (data in ${dataDir}, deleted afterwards)`);
}

async function assertAnswers(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = String((error as { message?: unknown }).message ?? error).split('\n')[0];
    throw new Error(
      `DATABASE_URL (${redact(url)}) does not answer: ${reason}. Start that server, or unset DATABASE_URL to let the tests start an embedded one.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'not a URL';
  }
}

/**
 * Suites that need a server no machine here can run are skipped unless their variable is set;
 * jest hides the reason of a wholly skipped file, so it is printed here, once per run.
 */
function announceSkippedSuites(): void {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    console.log('EventStoreDB contract suite: skipped — set EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false to run it');
  }
  if (!process.env.KAFKA_BROKERS) {
    console.log('Kafka bus contract suite: skipped — set KAFKA_BROKERS=host:9092 to run it');
  }
}
